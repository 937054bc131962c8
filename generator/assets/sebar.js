/* Sebar: the data table (search, sort, pages) and the catalogue filter. No dependencies.
   The first page of each table is in the HTML; the whole table (the JSON download) loads
   only when the reader searches, sorts or turns a page. */
(function () {
  "use strict";
  var angka = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 20 });

  function teks(value, tipe) {
    if (value === null || value === undefined) return "";
    if ((tipe === "integer" || tipe === "number") && typeof value === "number") return angka.format(value);
    if (typeof value === "boolean") return value ? "ya" : "tidak";
    return String(value);
  }

  function Tabel(root) {
    var self = this;
    this.root = root;
    this.perHalaman = parseInt(root.dataset.perHalaman, 10) || 25;
    this.total = parseInt(root.dataset.baris, 10) || 0;
    var th = root.querySelectorAll("thead th");
    this.nama = Array.prototype.map.call(th, function (el) { return el.dataset.kolom; });
    this.kolom = Array.prototype.map.call(th, function (el) { return el.dataset.tipe; });
    this.tbody = root.querySelector("tbody");
    this.info = root.querySelector(".sebar-tabel__info");
    this.cari = root.querySelector(".sebar-tabel__cari");
    this.sebelumnya = root.querySelector('[data-aksi="sebelumnya"]');
    this.berikutnya = root.querySelector('[data-aksi="berikutnya"]');
    this.halaman = 0;
    this.urut = null; // {kolom, arah}
    this.baris = null; // all rows, once loaded
    this.tampil = null; // rows after search and sort
    this.muat = null;
    this.perbaruiTombol(this.total);
    var tunda;
    this.cari.addEventListener("input", function () {
      clearTimeout(tunda);
      tunda = setTimeout(function () { self.halaman = 0; self.segarkan(); }, 150);
    });
    this.sebelumnya.addEventListener("click", function () { self.halaman -= 1; self.segarkan(); });
    this.berikutnya.addEventListener("click", function () { self.halaman += 1; self.segarkan(); });
    root.querySelectorAll("thead th button").forEach(function (tombol, i) {
      tombol.addEventListener("click", function () {
        var arah = self.urut && self.urut.kolom === i && self.urut.arah === "ascending" ? "descending" : "ascending";
        self.urut = { kolom: i, arah: arah };
        root.querySelectorAll("thead th").forEach(function (th, j) {
          th.setAttribute("aria-sort", j === i ? arah : "none");
        });
        self.halaman = 0;
        self.segarkan();
      });
    });
  }

  Tabel.prototype.data = function () {
    var self = this;
    if (!this.muat) {
      this.root.setAttribute("aria-busy", "true");
      this.muat = fetch(this.root.dataset.src).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (records) {
        self.baris = records.map(function (record) {
          // by the header's names: Object.keys() would put keys like "2020" first
          var nilai = self.nama.map(function (k) { return record[k] === undefined ? null : record[k]; });
          nilai.cari = nilai.map(function (v, i) { return teks(v, self.kolom[i]); }).join(" \u0000 ").toLowerCase();
          return nilai;
        });
        self.root.removeAttribute("aria-busy");
        return self.baris;
      });
    }
    return this.muat;
  };

  Tabel.prototype.segarkan = function () {
    var self = this;
    this.data().then(function (baris) {
      var q = self.cari.value.trim().toLowerCase();
      var hasil = q ? baris.filter(function (b) { return b.cari.indexOf(q) !== -1; }) : baris.slice();
      if (self.urut) {
        var k = self.urut.kolom, arah = self.urut.arah === "ascending" ? 1 : -1;
        hasil.sort(function (a, b) {
          var x = a[k], y = b[k];
          if (x === y) return 0;
          if (x === null || x === "") return 1; // empty cells last
          if (y === null || y === "") return -1;
          if (typeof x === "number" && typeof y === "number") return (x - y) * arah;
          return String(x).localeCompare(String(y), "id", { numeric: true }) * arah;
        });
      }
      self.tampil = hasil;
      self.gambar();
    }).catch(function () {
      self.muat = null; // try again on the next action
      self.halaman = 0;
      self.root.removeAttribute("aria-busy");
      self.info.textContent = "Data tabel gagal dimuat; coba lagi atau unduh file CSV.";
    });
  };

  Tabel.prototype.gambar = function () {
    var self = this, n = this.tampil.length;
    var halamanTerakhir = Math.max(0, Math.ceil(n / this.perHalaman) - 1);
    this.halaman = Math.min(Math.max(0, this.halaman), halamanTerakhir);
    var awal = this.halaman * this.perHalaman;
    var potong = this.tampil.slice(awal, awal + this.perHalaman);
    var frag = document.createDocumentFragment();
    potong.forEach(function (b) {
      var tr = document.createElement("tr");
      b.forEach(function (v, i) {
        var td = document.createElement("td");
        if (self.kolom[i] === "integer" || self.kolom[i] === "number") td.className = "angka";
        td.textContent = teks(v, self.kolom[i]);
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    this.tbody.replaceChildren(frag);
    this.info.textContent = n
      ? "Baris " + angka.format(awal + 1) + "–" + angka.format(awal + potong.length) + " dari " + angka.format(n) +
        (n < this.baris.length ? " (tersaring dari " + angka.format(this.baris.length) + ")" : "")
      : "Tidak ada baris yang cocok.";
    this.sebelumnya.disabled = this.halaman === 0;
    this.berikutnya.disabled = this.halaman >= halamanTerakhir;
  };

  Tabel.prototype.perbaruiTombol = function (n) {
    this.sebelumnya.disabled = true;
    this.berikutnya.disabled = n <= this.perHalaman;
  };

  function saringKatalog(form) {
    var kartu = document.querySelectorAll(".sebar-daftar .sebar-kartu");
    var jumlah = document.getElementById("sebar-jumlah");
    function terapkan() {
      var p = form.produsen.value, t = form.topik.value, y = form.tahun.value, n = 0;
      kartu.forEach(function (k) {
        var cocok = (!p || k.dataset.produsen === p) && (!t || k.dataset.topik === t) &&
          (!y || (" " + k.dataset.tahun + " ").indexOf(" " + y + " ") !== -1);
        k.hidden = !cocok;
        if (cocok) n += 1;
      });
      jumlah.textContent = n + " dataset";
    }
    form.addEventListener("change", terapkan);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var params = new URLSearchParams(location.search);
    ["produsen", "topik", "tahun"].forEach(function (nama) {
      if (params.get(nama)) form[nama].value = params.get(nama);
    });
    terapkan();
  }

  function mulai() {
    // Material's search dialog has no accessible name (WCAG 4.1.2; Lighthouse aria-dialog-name)
    document.querySelectorAll('[role="dialog"]:not([aria-label])').forEach(function (el) {
      el.setAttribute("aria-label", "Pencarian");
    });
    // Material wraps wide tables in scroll boxes once it has mounted: make them keyboard-reachable
    function fokusGulir() {
      document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (el) {
        el.setAttribute("tabindex", "0");
      });
    }
    if (window.document$) window.document$.subscribe(function () { setTimeout(fokusGulir, 0); });
    document.querySelectorAll(".sebar-tabel").forEach(function (el) { el.sebarTabel = new Tabel(el); });
    var form = document.getElementById("sebar-saring");
    if (form) saringKatalog(form);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mulai);
  else mulai();
})();
