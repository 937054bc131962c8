/* Sebar: the data table (search, sort, pages) and the catalogue filter.
   The first page of each table is in the HTML. A small table loads its JSON chunks only when the
   reader searches, sorts or turns a page; a big one (data-toko) is queried in its SQLite file over
   HTTP range requests with the vendored sql.js-httpvfs, loaded at that moment, never on page load. */
(function () {
  "use strict";
  var angka = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 20 });
  var aset = document.currentScript ? new URL(".", document.currentScript.src).href : null;
  var vendor = aset && aset + "vendor/sql.js-httpvfs/";
  var BATAS_BACA = 8 * 1024 * 1024; // a query that would read more of the store than this stops
  var BATAS_HITUNG = 10000; // a search counts its matches up to this
  var pustaka = null;

  function muatPustaka() {
    // the worker script and its WebAssembly, from this site only
    if (!pustaka) {
      pustaka = new Promise(function (selesai, gagal) {
        if (window.createDbWorker) { selesai(window.createDbWorker); return; }
        var s = document.createElement("script");
        s.src = vendor + "index.js";
        s.onload = function () { selesai(window.createDbWorker); };
        s.onerror = function () { pustaka = null; gagal(new Error("sql.js-httpvfs")); };
        document.head.appendChild(s);
      });
    }
    return pustaka;
  }

  function teks(value, tipe) {
    if (value === null || value === undefined) return "";
    if ((tipe === "integer" || tipe === "number") && typeof value === "number") return angka.format(value);
    if (typeof value === "boolean") return value ? "ya" : "tidak";
    return String(value);
  }

  function nilaiSegi(v) {
    // a cell as the page's facet buttons write it (generator/render/datapage.py cell)
    return v === null || v === undefined ? "" : String(v);
  }

  function selCsv(v) {
    // a CSV cell as the site's own CSV writes it: quoted when needed, formulas defused
    var s = nilaiSegi(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s) && !/^[+-][0-9.,\s]*$/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function sitasi() {
    // the access date is the reader's today; without JavaScript the citation says where it goes
    var tanggal = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll(".sebar-sitasi__akses").forEach(function (el) {
      el.textContent = "Diakses " + tanggal.format(new Date()) + ".";
    });
    document.querySelectorAll(".sebar-sitasi__alamat").forEach(function (el) {
      if (!/^https?:/.test(el.textContent)) el.textContent = location.href.split("#")[0];
    });
  }

  function Tabel(root) {
    var self = this;
    this.root = root;
    this.perHalaman = parseInt(root.dataset.perHalaman, 10) || 25;
    this.total = parseInt(root.dataset.baris, 10) || 0;
    var th = root.querySelectorAll("thead th");
    this.kolom = Array.prototype.map.call(th, function (el) { return el.dataset.tipe; });
    this.nama = Array.prototype.map.call(th, function (el) { return el.dataset.kolom; });
    this.sembunyi = Array.prototype.map.call(th, function (el) { return el.classList.contains("sebar-sembunyi"); });
    this.saring = {}; // column number -> the facet value its rows must have
    this.gulir = root.querySelector(".sebar-tabel__gulir");
    this.geser = root.querySelector(".sebar-tabel__geser");
    this.tbody = root.querySelector("tbody");
    this.info = root.querySelector(".sebar-tabel__info");
    this.cari = root.querySelector(".sebar-tabel__cari");
    this.sebelumnya = root.querySelector('[data-aksi="sebelumnya"]');
    this.berikutnya = root.querySelector('[data-aksi="berikutnya"]');
    this.ukuranBagian = parseInt(root.dataset.ukuranBagian, 10) || 1000;
    this.halaman = 0;
    this.urut = null; // {kolom, arah}
    this.cache = {}; // chunk number -> promise of its rows
    this.toko = root.dataset.toko ? new URL(root.dataset.toko, location.href).href : null;
    this.db = null; // promise of the store's worker, for a big table
    this.giliran = 0; // the newest request: an older answer arriving late is dropped
    this.perbaruiTombol(this.total);
    var tunda;
    this.cari.addEventListener("input", function () {
      clearTimeout(tunda);
      tunda = setTimeout(function () { self.halaman = 0; self.segarkan(); }, 150);
    });
    this.sebelumnya.addEventListener("click", function () { self.halaman -= 1; self.segarkan(); });
    root.querySelectorAll(".sebar-segi button").forEach(function (tombol) {
      tombol.addEventListener("click", function () { self.pilihSegi(tombol); });
    });
    root.querySelectorAll(".sebar-tabel__kolom input").forEach(function (kotak) {
      kotak.addEventListener("change", function () {
        self.sembunyi[parseInt(kotak.dataset.kolom, 10)] = !kotak.checked;
        self.terapkanKolom();
      });
    });
    var saringan = root.querySelector('[data-aksi="unduh-saringan"]');
    if (saringan) saringan.addEventListener("click", function () { self.unduhSaringan(); });
    // the box changes width with the window and when its tab is shown: the hint follows
    if (window.ResizeObserver && this.gulir) new ResizeObserver(function () { self.periksaGeser(); }).observe(this.gulir);
    else window.addEventListener("resize", function () { self.periksaGeser(); });
    this.terapkanKolom();
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

  Tabel.prototype.bagian = function (n) {
    // one chunk of rows (arrays in the header's order), fetched once
    var self = this;
    if (!this.cache[n]) {
      this.cache[n] = fetch(this.root.dataset.bagian + n + ".json").then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (rows) {
        return rows.map(function (nilai) {
          nilai.cari = nilai.map(function (v, i) { return teks(v, self.kolom[i]); }).join(" \u0000 ").toLowerCase();
          return nilai;
        });
      }).catch(function (galat) {
        delete self.cache[n];
        throw galat;
      });
    }
    return this.cache[n];
  };

  Tabel.prototype.rentang = function (awal, akhir) {
    // rows [awal, akhir) of the table as published, from the chunks that hold them
    var ukuran = this.ukuranBagian, pertama = Math.floor(awal / ukuran);
    var terakhir = Math.max(pertama, Math.floor((akhir - 1) / ukuran)), daftar = [];
    for (var n = pertama; n <= terakhir; n += 1) daftar.push(this.bagian(n));
    return Promise.all(daftar).then(function (bagian) {
      return [].concat.apply([], bagian).slice(awal - pertama * ukuran, akhir - pertama * ukuran);
    });
  };

  Tabel.prototype.basis = function () {
    // the big table's SQLite store, opened on first use; each query reads only the pages it needs
    var self = this;
    if (!this.db) {
      this.db = muatPustaka().then(function (buat) {
        return buat([{ from: "inline", config: { serverMode: "full", url: self.toko, requestChunkSize: 4096 } }],
          vendor + "sqlite.worker.js", vendor + "sql-wasm.wasm", BATAS_BACA);
      }).then(function (w) {
        return w.db.query("SELECT kosong FROM kolom ORDER BY nomor").then(function (baris) {
          w.kosong = baris.map(function (b) { return b.kosong; });
          return w;
        });
      }).catch(function (galat) {
        self.db = null;
        throw galat;
      });
    }
    return this.db;
  };

  Tabel.prototype.susun = function (baris) {
    // rows of the store ({c0: ..., c1: ...}) as arrays in the header's order, typed as the page shows them
    var kolom = this.kolom;
    return baris.map(function (b) {
      return kolom.map(function (tipe, i) {
        var v = b["c" + i];
        return tipe === "boolean" && typeof v === "number" ? v === 1 : v;
      });
    });
  };

  Tabel.prototype.kueri = function (q, awal) {
    // {baris, n} for one page of a big table, from its store: search by word (prefix), sort by an
    // index (empty cells last, as in small tables), page by row number
    var self = this, per = this.perHalaman;
    return this.basis().then(function (w) {
      var db = w.db, cocok = null;
      if (q) {
        var kata = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
        if (!kata.length) return { baris: [], n: 0 };
        cocok = kata.map(function (k) { return '"' + k.replace(/"/g, '""') + '"*'; }).join(" ");
      }
      var urut = self.urut, kerja;
      if (cocok && !urut) {
        kerja = db.query("SELECT count(*) AS n FROM (SELECT rowid FROM cari WHERE cari MATCH ? LIMIT ?)", [cocok, BATAS_HITUNG + 1])
          .then(function (h) {
            var n = h[0].n;
            return db.query("SELECT * FROM data WHERE rowid IN (SELECT rowid FROM cari WHERE cari MATCH ? ORDER BY rowid LIMIT ? OFFSET ?) ORDER BY rowid",
              [cocok, per, awal]).then(function (baris) { return { baris: baris, n: n, lebih: n > BATAS_HITUNG }; });
          });
      } else if (!urut) {
        kerja = db.query("SELECT * FROM data WHERE rowid > ? AND rowid <= ? ORDER BY rowid", [awal, awal + per])
          .then(function (baris) { return { baris: baris, n: self.total }; });
      } else {
        var k = urut.kolom, c = "c" + k, tipe = self.kolom[k];
        var teksual = ["integer", "number", "boolean", "year"].indexOf(tipe) === -1;
        var kunci = c + (teksual ? " COLLATE NOCASE" : "") + (urut.arah === "ascending" ? " ASC" : " DESC");
        if (cocok) {
          kerja = db.query("SELECT count(*) AS n FROM (SELECT rowid FROM cari WHERE cari MATCH ? LIMIT ?)", [cocok, BATAS_HITUNG + 1])
            .then(function (h) {
              return db.query("SELECT * FROM data WHERE rowid IN (SELECT rowid FROM cari WHERE cari MATCH ?) ORDER BY " + c +
                " IS NULL, " + kunci + " LIMIT ? OFFSET ?", [cocok, per, awal]).then(function (baris) { return { baris: baris, n: h[0].n, lebih: h[0].n > BATAS_HITUNG }; });
            });
        } else {
          var isi = self.total - w.kosong[k], bagian = [];
          if (awal < isi) {
            bagian.push(db.query("SELECT * FROM data WHERE " + c + " IS NOT NULL ORDER BY " + kunci + " LIMIT ? OFFSET ?",
              [Math.min(per, isi - awal), awal]));
          }
          if (awal + per > isi) {
            bagian.push(db.query("SELECT * FROM data WHERE " + c + " IS NULL ORDER BY rowid LIMIT ? OFFSET ?",
              [awal + per - Math.max(awal, isi), Math.max(0, awal - isi)]));
          }
          kerja = Promise.all(bagian).then(function (b) { return { baris: [].concat.apply([], b), n: self.total }; });
        }
      }
      return kerja.then(function (h) { return { baris: self.susun(h.baris), n: h.n, lebih: Boolean(h.lebih) }; });
    });
  };

  Tabel.prototype.segarkan = function () {
    // plain paging loads one chunk; searching or sorting needs every row, loaded on demand
    var self = this, q = this.cari.value.trim().toLowerCase(), nomor = (this.giliran += 1);
    this.root.setAttribute("aria-busy", "true");
    var kerja;
    if (this.toko) {
      this.halaman = this.batasi(this.total);
      var mulai = this.halaman * this.perHalaman;
      kerja = this.kueri(q, mulai).then(function (h) {
        if (nomor !== self.giliran) return;
        if (mulai > 0 && mulai >= h.n) { // past the last match: show the last page
          self.halaman = self.batasi(h.n);
          self.segarkan();
          return;
        }
        self.gambar(h.baris, mulai, h.n, h.lebih);
      });
    } else if (!q && !this.urut && !Object.keys(this.saring).length) {
      this.halaman = this.batasi(this.total);
      var awal = this.halaman * this.perHalaman;
      kerja = this.rentang(awal, Math.min(awal + this.perHalaman, this.total)).then(function (potong) {
        self.gambar(potong, awal, self.total);
      });
    } else {
      kerja = this.tersaring(q).then(function (hasil) {
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
        self.halaman = self.batasi(hasil.length);
        var awal = self.halaman * self.perHalaman;
        self.gambar(hasil.slice(awal, awal + self.perHalaman), awal, hasil.length);
      });
    }
    kerja.then(function () {
      if (nomor === self.giliran) self.root.removeAttribute("aria-busy");
    }).catch(function () {
      self.halaman = 0;
      self.root.removeAttribute("aria-busy");
      self.info.textContent = "Data tabel gagal dimuat; coba lagi atau unduh file CSV.";
    });
  };

  Tabel.prototype.tersaring = function (q) {
    // every row matching the search words and the chosen facet values, in the table's order
    var saring = this.saring, kolom = Object.keys(saring);
    return this.rentang(0, this.total).then(function (baris) {
      return baris.filter(function (b) {
        if (q && b.cari.indexOf(q) === -1) return false;
        return kolom.every(function (k) { return nilaiSegi(b[k]) === saring[k]; });
      });
    });
  };

  Tabel.prototype.pilihSegi = function (tombol) {
    // one value per column; pressing the chosen one again shows all rows again
    var k = tombol.dataset.kolom, pilih = tombol.getAttribute("aria-pressed") !== "true";
    tombol.parentNode.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    if (pilih) { this.saring[k] = tombol.dataset.nilai; tombol.setAttribute("aria-pressed", "true"); }
    else delete this.saring[k];
    this.halaman = 0;
    this.segarkan();
  };

  Tabel.prototype.unduhSaringan = function () {
    // the rows the reader sees (all pages), as a CSV file made here: nothing is asked of a server
    var self = this, q = this.cari.value.trim().toLowerCase();
    return this.tersaring(q).then(function (hasil) {
      var baris = [self.nama].concat(hasil).map(function (b) {
        return self.nama.map(function (_, i) { return selCsv(b[i]); }).join(",");
      });
      var berkas = new Blob(["\ufeff" + baris.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(berkas);
      a.download = (self.root.dataset.unduh || "data") + "-saringan.csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    }).catch(function () {
      self.info.textContent = "Data tabel gagal dimuat; coba lagi atau unduh file CSV.";
    });
  };

  Tabel.prototype.terapkanKolom = function () {
    // hidden columns stay in the table (display: none); the first shown one stays in view sideways
    var sembunyi = this.sembunyi, lekat = sembunyi.indexOf(false);
    this.root.querySelectorAll(".sebar-data tr").forEach(function (tr) {
      Array.prototype.forEach.call(tr.cells, function (sel, i) {
        sel.classList.toggle("sebar-sembunyi", Boolean(sembunyi[i]));
        sel.classList.toggle("sebar-lekat", i === lekat);
      });
    });
    this.periksaGeser();
  };

  Tabel.prototype.periksaGeser = function () {
    // the hint shows only while the table is wider than its box
    if (this.geser && this.gulir) this.geser.hidden = this.gulir.scrollWidth <= this.gulir.clientWidth + 1;
  };

  Tabel.prototype.batasi = function (n) {
    return Math.min(Math.max(0, this.halaman), Math.max(0, Math.ceil(n / this.perHalaman) - 1));
  };

  Tabel.prototype.gambar = function (potong, awal, n, lebih) {
    // potong: the rows to show; awal: the first one's index; n: how many rows match (lebih: at least n)
    var self = this, frag = document.createDocumentFragment(), lekat = this.sembunyi.indexOf(false);
    potong.forEach(function (b) {
      var tr = document.createElement("tr");
      b.forEach(function (v, i) {
        var td = document.createElement("td");
        if (self.kolom[i] === "integer" || self.kolom[i] === "number") td.className = "angka";
        if (self.sembunyi[i]) td.classList.add("sebar-sembunyi");
        if (i === lekat) td.classList.add("sebar-lekat");
        td.textContent = teks(v, self.kolom[i]);
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    this.tbody.replaceChildren(frag);
    this.info.textContent = n
      ? "Baris " + angka.format(awal + 1) + "–" + angka.format(awal + potong.length) + " dari " +
        (lebih ? "lebih dari " + angka.format(BATAS_HITUNG) : angka.format(n)) +
        (n < this.total ? " (tersaring dari " + angka.format(this.total) + ")" : "")
      : "Tidak ada baris yang cocok.";
    this.sebelumnya.disabled = this.halaman === 0;
    this.berikutnya.disabled = awal + this.perHalaman >= n;
    this.periksaGeser();
  };

  Tabel.prototype.perbaruiTombol = function (n) {
    this.sebelumnya.disabled = true;
    this.berikutnya.disabled = n <= this.perHalaman;
  };

  function kartuBaru(d, indeks, akar) {
    // a card as templates/_datasets.html writes it, from an entry of katalog/indeks.json (as text, never HTML)
    var li = document.createElement("li"), a = document.createElement("a");
    var uraian = document.createElement("p"), meta = document.createElement("p");
    li.className = "sebar-kartu";
    li.dataset.produsen = d[3];
    li.dataset.topik = d[4];
    li.dataset.tahun = d[5];
    li.dataset.diperbarui = d[7];
    li.dataset.tingkat = d[8] || "";
    li.dataset.format = d[9] || "";
    li.dataset.lisensi = d[10] || "";
    a.className = "sebar-kartu__judul";
    a.href = new URL(d[0], akar).href;
    a.textContent = d[1];
    uraian.className = "sebar-kartu__uraian";
    uraian.textContent = d[2];
    meta.className = "sebar-kartu__meta";
    [indeks.produsen[d[3]] || d[3], indeks.topik[d[4]] || d[4], d[6]].concat(d[7] ? ["diperbarui " + d[7]] : [])
      .forEach(function (teks, i) {
        var span = document.createElement("span");
        span.textContent = teks;
        if (i) meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(span);
      });
    li.append(a, uraian, meta);
    return li;
  }

  var FACET = ["tingkat", "format", "lisensi"];

  function saringKatalog(form) {
    // the cards of this page are in the HTML, newest first; text, selects and facets (checkboxes: any
    // of a facet's values, all facets) narrow them, and the sort reorders them. With more datasets than
    // fit on one page, a filter or a sort works on all of them in katalog/indeks.json (loaded then).
    var daftar = document.querySelector(".sebar-daftar");
    var kartu = document.querySelectorAll(".sebar-daftar .sebar-kartu");
    var jumlah = document.getElementById("sebar-jumlah");
    var kosong = document.getElementById("sebar-kosong");
    var halaman = document.getElementById("sebar-halaman");
    var semua = parseInt(form.dataset.semua, 10) || kartu.length;
    var akar = new URL(form.dataset.akar || "../", location.href);
    var indeks = null, asli = Array.prototype.slice.call(kartu), PER = 50, giliran = 0;
    function dariKartu(k, i) {
      return { el: k, urutan: i, produsen: k.dataset.produsen, topik: k.dataset.topik, tahun: k.dataset.tahun,
        tingkat: k.dataset.tingkat || "", format: k.dataset.format || "", lisensi: k.dataset.lisensi || "",
        judul: k.querySelector(".sebar-kartu__judul").textContent,
        teks: (k.textContent + " " + (k.dataset.kata || "")).toLowerCase() };
    }
    function dariIndeks(d, i) {
      return { d: d, urutan: i, produsen: d[3], topik: d[4], tahun: d[5], tingkat: d[8] || "", format: d[9] || "",
        lisensi: d[10] || "", judul: d[1], teks: [d[1], d[2], d[6], d[11] || ""].join(" ").toLowerCase() };
    }
    function saringan() {
      var s = { q: form.q.value.trim().toLowerCase(), produsen: form.produsen.value, topik: form.topik.value,
        tahun: form.tahun.value, urut: form.urut.value };
      FACET.forEach(function (nama) {
        s[nama] = Array.prototype.filter.call(form.querySelectorAll('input[name="' + nama + '"]'), function (c) {
          return c.checked;
        }).map(function (c) { return c.value; });
      });
      return s;
    }
    function kosongSaringan(s) {
      return !s.q && !s.produsen && !s.topik && !s.tahun && FACET.every(function (n) { return !s[n].length; });
    }
    function ada(daftarNilai, pilihan) {
      // one of the chosen values is among the item's (space-separated; a level holds a slash, no space)
      if (!pilihan.length) return true;
      var nilai = daftarNilai.split(" ");
      return pilihan.some(function (p) { return nilai.indexOf(p) !== -1; });
    }
    function cocok(s, x) {
      return (!s.produsen || x.produsen === s.produsen) && (!s.topik || x.topik === s.topik) &&
        (!s.tahun || (" " + x.tahun + " ").indexOf(" " + s.tahun + " ") !== -1) &&
        s.q.split(/\s+/).every(function (k) { return !k || x.teks.indexOf(k) !== -1; }) &&
        FACET.every(function (n) { return n === "tingkat" ? !s[n].length || s[n].indexOf(x[n]) !== -1 : ada(x[n], s[n]); });
    }
    function urutkan(s, xs) {
      if (s.urut === "judul") {
        xs.sort(function (a, b) { return a.judul.localeCompare(b.judul, "id", { numeric: true }) || a.urutan - b.urutan; });
      } else {
        xs.sort(function (a, b) { return a.urutan - b.urutan; }); // as built: newest first
      }
      return xs;
    }
    function lapor(n) {
      jumlah.textContent = n + " dataset";
      if (kosong) kosong.hidden = n > 0;
    }
    function terapkan() {
      var s = saringan(), nomor = (giliran += 1);
      if (semua <= kartu.length) {
        var hasil = urutkan(s, asli.map(dariKartu)), n = 0;
        hasil.forEach(function (x) {
          x.el.hidden = !cocok(s, x);
          if (!x.el.hidden) n += 1;
        });
        daftar.replaceChildren.apply(daftar, hasil.map(function (x) { return x.el; }));
        lapor(n);
        return;
      }
      if (kosongSaringan(s) && !s.urut) { // this page's own cards and the links to the other pages
        daftar.replaceChildren.apply(daftar, asli);
        if (halaman) halaman.hidden = false;
        lapor(semua);
        return;
      }
      if (!indeks) {
        indeks = fetch(form.dataset.indeks).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        }).catch(function (galat) { indeks = null; throw galat; });
      }
      daftar.setAttribute("aria-busy", "true");
      indeks.then(function (data) {
        if (nomor !== giliran) return;
        var hasil = urutkan(s, data.dataset.map(dariIndeks).filter(function (x) { return cocok(s, x); }));
        var tampil = PER;
        function gambar() {
          var frag = document.createDocumentFragment();
          hasil.slice(0, tampil).forEach(function (x) { frag.appendChild(kartuBaru(x.d, data, akar)); });
          if (hasil.length > tampil) {
            var li = document.createElement("li"), tombol = document.createElement("button");
            tombol.type = "button";
            tombol.className = "sebar-lagi";
            tombol.textContent = "Tampilkan " + Math.min(PER, hasil.length - tampil) + " dataset lagi";
            tombol.addEventListener("click", function () { tampil += PER; gambar(); });
            li.appendChild(tombol);
            frag.appendChild(li);
          }
          daftar.replaceChildren(frag);
        }
        gambar();
        if (halaman) halaman.hidden = true;
        lapor(hasil.length);
        daftar.removeAttribute("aria-busy");
      }).catch(function () {
        daftar.removeAttribute("aria-busy");
        jumlah.textContent = "Daftar dataset gagal dimuat; telusuri per produsen atau topik.";
      });
    }
    function alamat() {
      // a filter can be shared: its address opens the same view
      var s = saringan(), params = new URLSearchParams();
      ["q", "produsen", "topik", "tahun", "urut"].forEach(function (nama) { if (form[nama].value) params.set(nama, form[nama].value.trim()); });
      FACET.forEach(function (nama) { s[nama].forEach(function (v) { params.append(nama, v); }); });
      history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    }
    form.addEventListener("change", function () { terapkan(); alamat(); });
    var tunda;
    form.q.addEventListener("input", function () {
      clearTimeout(tunda);
      tunda = setTimeout(function () { terapkan(); alamat(); }, 200);
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { terapkan(); alamat(); form.q.focus(); }, 0); // after the form's values are reset
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var params = new URLSearchParams(location.search);
    ["q", "produsen", "topik", "tahun", "urut"].forEach(function (nama) {
      if (params.get(nama)) form[nama].value = params.get(nama);
    });
    FACET.forEach(function (nama) {
      params.getAll(nama).forEach(function (v) {
        form.querySelectorAll('input[name="' + nama + '"]').forEach(function (c) { if (c.value === v) c.checked = true; });
      });
    });
    // unfiltered, the page is already right as written: touching its cards would only cost a layout
    if (!kosongSaringan(saringan()) || form.urut.value) terapkan();
  }

  function navigasi() {
    // what Material's JavaScript did that a reader misses, on sites that do not load it (theme/main.html)
    var atas = document.querySelector(".md-top");
    if (atas) {
      addEventListener("scroll", function () { atas.hidden = scrollY < innerHeight; }, { passive: true });
      atas.addEventListener("click", function () { scrollTo({ top: 0 }); });
    }
    // a wide Markdown table or code block scrolls in itself (as Material's JavaScript did): reachable by keyboard
    document.querySelectorAll(".md-typeset table:not([class]), .md-typeset pre > code").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth) el.setAttribute("tabindex", "0");
    });
    var laci = document.getElementById("__drawer"); // the phone menu: closed once a link in it is chosen
    var menu = document.querySelector(".md-sidebar--primary");
    if (laci && menu) {
      menu.addEventListener("click", function (e) { if (e.target.closest("a")) laci.checked = false; });
      addEventListener("keydown", function (e) { if (e.key === "Escape") laci.checked = false; });
    }
  }

  // "per kecamatan", "setiap kabupaten/kota": the level of detail a reader asks for, not words to find
  var TINGKAT = /\s*\b(?:per|setiap|tiap|menurut)\s+(provinsi|kabupaten\/kota|kabupaten|kota|kecamatan|desa\/kelurahan|desa|kelurahan)\b\s*/i;
  var NAMA_TINGKAT = { kabupaten: "kabupaten/kota", kota: "kabupaten/kota", desa: "desa/kelurahan", kelurahan: "desa/kelurahan" };

  function cari(form, hasil, status) {
    // results from Pagefind's index in /pagefind/, built by `sebar build`; all local files. Each page
    // carries its kind (meta `tipe`: dataset, publikasi, bantuan) and badges (meta), theme/main.html.
    var akar = new URL(form.dataset.akar, location.href);
    var pilihan = document.getElementById("sebar-cari-jenis");
    var mesin = null, giliran = 0, terakhir = [];
    function muat() {
      if (!mesin) {
        mesin = import(new URL("pagefind/pagefind.js", akar).href).then(function (pf) {
          return pf.options({ baseUrl: akar.pathname }).then(function () { return pf; });
        });
      }
      return mesin;
    }
    function uraiEntitas(s) {
      // an inert document: nothing in it loads or runs
      return new DOMParser().parseFromString(s, "text/html").documentElement.textContent;
    }
    function jenisDipilih() {
      var r = pilihan && pilihan.querySelector("input:checked");
      return r ? r.value : "";
    }
    function telusuri(pf, q) {
      // every word must match (Pagefind); when no page has them all, pages with most of the words
      return pf.search(q).then(function (s) {
        var kata = q.split(/\s+/).filter(Boolean);
        if (s.results.length || kata.length < 2) return { hasil: s.results, sebagian: false };
        return Promise.all(kata.map(function (k) { return pf.search(k); })).then(function (semua) {
          var skor = {};
          semua.forEach(function (s) {
            s.results.forEach(function (r) {
              var e = skor[r.id] || (skor[r.id] = { r: r, kata: 0, nilai: 0 });
              e.kata += 1;
              e.nilai += r.score;
            });
          });
          var daftar = Object.keys(skor).map(function (id) { return skor[id]; });
          daftar.sort(function (a, b) { return b.kata - a.kata || b.nilai - a.nilai; });
          return { hasil: daftar.map(function (e) { return e.r; }), sebagian: daftar.length > 0 };
        });
      });
    }
    function peringkat(data, q, tingkat) {
      // a page whose own keyword is what the reader typed ("penduduk"), and a dataset at the level of
      // detail asked for, come before the pages that merely mention the words; else Pagefind's order
      var teks = " " + q.toLowerCase().replace(/\s+/g, " ") + " ";
      data.forEach(function (d, i) {
        var kunci = (d.meta.kata_kunci || "").toLowerCase().split(";").map(function (k) { return k.trim(); });
        d.nilai = -i;
        if (kunci.some(function (k) { return k && teks.indexOf(" " + k + " ") !== -1; })) d.nilai += 1000;
        if (tingkat && (d.meta.tingkat || "").toLowerCase() === tingkat) d.nilai += 2000;
      });
      return data.slice().sort(function (a, b) { return b.nilai - a.nilai; });
    }
    function lencana(teks, kelas) {
      var span = document.createElement("span");
      span.className = kelas;
      span.textContent = teks;
      return span;
    }
    function gambar(q) {
      // the results of the chosen kind, with each kind's count on its choice
      var jenis = jenisDipilih(), jumlah = { "": terakhir.length };
      terakhir.forEach(function (d) {
        jumlah[d.meta.tipe] = (jumlah[d.meta.tipe] || 0) + 1;
      });
      if (pilihan) {
        pilihan.querySelectorAll("input").forEach(function (r) {
          r.parentNode.querySelector(".sebar-jenis__jumlah").textContent = "(" + (jumlah[r.value] || 0) + ")";
        });
      }
      var tampil = terakhir.filter(function (d) { return !jenis || d.meta.tipe === jenis; });
      var frag = document.createDocumentFragment();
      tampil.slice(0, 20).forEach(function (d) {
        var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
        var j = d.meta.tipe || "";
        li.className = "sebar-hasil__item";
        li.dataset.jenis = j;
        li.appendChild(lencana(d.meta.jenis || j, "sebar-lencana sebar-lencana--" + j));
        a.href = d.url;
        a.className = "sebar-hasil__judul";
        a.textContent = d.meta.title || d.url;
        li.appendChild(a);
        var badges = ["produsen", "periode", "tingkat"].filter(function (k) { return d.meta[k]; });
        if (badges.length) {
          var meta = document.createElement("p");
          meta.className = "sebar-kartu__meta";
          badges.forEach(function (k, i) {
            if (i) meta.appendChild(document.createTextNode(" · "));
            meta.appendChild(lencana((k === "tingkat" ? "rincian: " : k === "periode" ? "periode " : "") + d.meta[k], "sebar-hasil__" + k));
          });
          li.appendChild(meta);
        }
        // the excerpt is the page's text (entities escaped) with <mark> around the words found:
        // rebuilt from text nodes and <mark> elements, never parsed as HTML into the page
        d.excerpt.split(/(<\/?mark>)/).reduce(function (tanda, bagian) {
          if (bagian === "<mark>" || bagian === "</mark>") return bagian === "<mark>";
          var teks = document.createTextNode(uraiEntitas(bagian.replace(/<[^>]*>/g, "")));
          if (!tanda) { p.appendChild(teks); return tanda; }
          var m = document.createElement("mark");
          m.appendChild(teks);
          p.appendChild(m);
          return tanda;
        }, false);
        li.appendChild(p);
        frag.appendChild(li);
      });
      hasil.replaceChildren(frag);
      var catatan = terakhir.catatan ? " " + terakhir.catatan : "";
      status.textContent = tampil.length
        ? tampil.length + " hasil untuk “" + q + "”" + (tampil.length > 20 ? " (20 teratas)" : "") + "." + catatan
        : "Tidak ada hasil untuk “" + q + "”" + (jenis ? " di jenis ini" : "") + ". Coba kata lain, atau telusuri Katalog.";
    }
    function tampilkan(q) {
      var nomor = (giliran += 1);
      if (!q.trim()) { hasil.replaceChildren(); status.textContent = ""; terakhir = []; return; }
      status.textContent = "Mencari…";
      var m = q.match(TINGKAT), tingkat = null, inti = q;
      if (m) {
        tingkat = NAMA_TINGKAT[m[1].toLowerCase()] || m[1].toLowerCase();
        inti = q.replace(TINGKAT, " ").trim() || q;
      }
      muat().then(function (pf) { return telusuri(pf, inti); }).then(function (temuan) {
        return Promise.all(temuan.hasil.slice(0, 60).map(function (r) { return r.data(); })).then(function (data) {
          if (nomor !== giliran) return; // a newer query is under way
          terakhir = peringkat(data, inti, tingkat);
          var notes = [];
          if (temuan.sebagian) notes.push("Tidak ada halaman yang memuat semua kata; ditampilkan yang memuat sebagian.");
          if (tingkat && !terakhir.some(function (d) { return (d.meta.tingkat || "").toLowerCase() === tingkat; })) {
            notes.push("Belum ada data per " + tingkat + "; ditampilkan data yang paling mendekati.");
          }
          terakhir.catatan = notes.join(" ");
          gambar(q);
        });
      }).catch(function () {
        status.textContent = "Pencarian gagal dimuat; telusuri Katalog.";
      });
    }
    var tunda;
    function alamat() {
      var params = new URLSearchParams();
      if (form.q.value) params.set("q", form.q.value);
      if (jenisDipilih()) params.set("jenis", jenisDipilih());
      history.replaceState(null, "", params.toString() ? "?" + params : location.pathname); // a search can be shared
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      alamat();
      tampilkan(form.q.value);
    });
    form.q.addEventListener("input", function () {
      clearTimeout(tunda);
      tunda = setTimeout(function () { tampilkan(form.q.value); }, 250);
    });
    if (pilihan) {
      pilihan.addEventListener("change", function () {
        alamat();
        if (form.q.value.trim()) gambar(form.q.value);
      });
    }
    var params = new URLSearchParams(location.search), awal = params.get("q");
    if (pilihan && params.get("jenis")) {
      var r = pilihan.querySelector('input[value="' + CSS.escape(params.get("jenis")) + '"]');
      if (r) r.checked = true;
    }
    if (awal) { form.q.value = awal; tampilkan(awal); }
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
    else navigasi();
    document.querySelectorAll(".sebar-tabel").forEach(function (el) { el.sebarTabel = new Tabel(el); });
    sitasi();
    var form = document.getElementById("sebar-saring");
    if (form) saringKatalog(form);
    var hasil = document.getElementById("sebar-hasil");
    if (hasil) cari(document.getElementById("sebar-cari"), hasil, document.getElementById("sebar-cari-status"));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mulai);
  else mulai();
})();
