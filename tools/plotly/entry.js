// Sebar's partial plotly.js bundle: only the traces Sebar's views draw (scatter is in core: lines,
// areas, scatter plots), and the Indonesian locale with the toolbar translated.
'use strict';

var Plotly = require('plotly.js/lib/core');
var id = require('plotly.js/lib/locales/id');

var format = Object.assign({}, id.format, {
    months: id.format.months.map(function(m) { return m === 'Nopember' ? 'November' : m; }),
    shortMonths: id.format.shortMonths.map(function(m) {
        return m === 'Nop' ? 'Nov' : m === 'Agus' ? 'Agu' : m;
    })
});

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/pie'),
    require('plotly.js/lib/choropleth'),
    {
        moduleType: 'locale',
        name: 'id',
        format: format,
        dictionary: {
            'Autoscale': 'Skala otomatis',
            'Box Select': 'Pilih kotak',
            'Compare data on hover': 'Bandingkan data saat disorot',
            'Double-click to zoom back out': 'Klik dua kali untuk memperkecil kembali',
            'Download plot as a PNG': 'Unduh grafik sebagai PNG',
            'Download plot': 'Unduh grafik',
            'Lasso Select': 'Pilih laso',
            'Pan': 'Geser',
            'Produced with Plotly.js': 'Dibuat dengan Plotly.js',
            'Reset': 'Atur ulang',
            'Reset axes': 'Atur ulang sumbu',
            'Reset view': 'Atur ulang tampilan',
            'Show closest data on hover': 'Tampilkan data terdekat saat disorot',
            'Toggle Spike Lines': 'Garis bantu',
            'Toggle show closest data on hover': 'Tampilkan/sembunyikan data terdekat',
            'Zoom': 'Perbesar area',
            'Zoom in': 'Perbesar',
            'Zoom out': 'Perkecil'
        }
    }
]);

module.exports = Plotly;
