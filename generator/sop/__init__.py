"""The SOP "Penyebarluasan Data" steps 2-5 in Git: roles, review report, approval guard, records."""
