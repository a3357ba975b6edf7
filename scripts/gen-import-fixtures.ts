/** Writes the import test fixtures in test/fixtures/imports/ (run once; outputs are committed). */
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';

const dir = 'test/fixtures/imports';

writeFileSync(`${dir}/clean.csv`, [
  'id,nom,categorie,code_insee,ca_eur,visites',
  'C001,Pharmacie du Centre,pharmacie,48095,125000.5,12',
  'C002,Cabinet Ajaccio,cabinet,2A004,88000,7',
  'C003,Pharmacie Saint-Denis,pharmacie,97411,64000,4',
  'C004,Officine Paris 11,pharmacie,75056,310000,25',
  'C005,Cabinet Rennes,cabinet,35238,45000,3',
  'C006,Pharmacie Mende Gare,pharmacie,48095,99000,9',
  'C007,Commerce Brest,commerce,29019,150000,11',
  'C008,Cabinet Lyon,cabinet,69123,72000,6',
  'C009,Pharmacie Marseille,pharmacie,13055,205000,18',
  'C010,Commerce Lille,commerce,59350,51000,5',
].join('\n') + '\n');

// Windows-1252, ';', French decimals and thousands, a quoted newline, located by postcode + city.
const win = [
  'code client;raison sociale;code postal;ville;CA annuel;date',
  'W1;"Pharmacie de l\'Église";42000;Saint-Étienne;"12 500,75";01/03/2024',
  'W2;"Cabinet ""Les Tilleuls""\nBâtiment B";35000;Rennes;"8 000,5";2024-02-15',
  'W3;Officine Élysée;75008;Paris;"1 234,5";15/02/2024',
  'W4;Pharmacie Œuf;01300;Arboys en Bugey;100;31/12/2023',
].join('\r\n') + '\r\n';
writeFileSync(`${dir}/windows1252-semicolon.csv`, iconv.encode(win, 'win1252'));

// UTF-8 with BOM.
writeFileSync(`${dir}/utf8-bom.csv`, '\ufeffid,lon,lat,nom\nB1,-1.6778,48.1173,"Rennes, place de la Mairie"\nB2,2.3522,48.8566,Paris Hôtel de Ville\n');

// Bad rows: each data row tests one rule (row numbers as a spreadsheet shows them; header = row 1).
writeFileSync(`${dir}/bad-rows.csv`, [
  'id,nom,insee,cp,ville,lon,lat,ca',
  'K1,Bon,35238,,,,,100', // row 2: ok
  'K2,Code inconnu,99999,,,,,100', // row 3: unknown commune code
  'K3,CP faux,,35000,Brest,,,100', // row 4: postcode does not match city
  'K4,Inversé,,,,48.1173,-1.6778,100', // row 5: lat/lon swapped
  'K5,Lambert,,,,351000,6789000,100', // row 6: Lambert-93 in lon/lat
  ',Sans clé,35238,,,,,100', // row 7: empty key
  'K1,Doublon,35238,,,,,100', // row 8: duplicate key
  'K8,Texte,35238,,,,,abc', // row 9: text in numeric column
  'K9,En mer,,,,-3.5,47.0,100', // row 10: at sea (Bay of Biscay)
  'K10,Ancien code,74011,,,,,100', // row 11: former code (Annecy-le-Vieux → Annecy): accepted
  'K11,Zéro perdu,1004,,,,,100', // row 12: 01004 without its leading zero: accepted
].join('\n') + '\n');

writeFileSync(`${dir}/points.geojson`, JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { ref: 'G1', label: 'Mairie de Mende', visits: 3 }, geometry: { type: 'Point', coordinates: [3.4993, 44.5181] } },
    { type: 'Feature', properties: { ref: 'G2', label: 'Gare de Nantes', visits: 5 }, geometry: { type: 'Point', coordinates: [-1.5420, 47.2173] } },
    { type: 'Feature', properties: { ref: 'G3', label: 'Zone', visits: 1 }, geometry: { type: 'Polygon', coordinates: [[[0, 45], [1, 45], [1, 46], [0, 45]]] } },
  ],
}, null, 1));

const wb = new ExcelJS.Workbook();
const notes = wb.addWorksheet('Notes');
notes.addRow(['Fichier exporté du CRM']);
const clients = wb.addWorksheet('Clients');
clients.addRow(['ID', 'Nom', 'X_L93', 'Y_L93', 'Segment', 'Date']);
clients.addRow(['X1', 'Rennes centre', 351900, 6789300, 'A', new Date(Date.UTC(2024, 0, 15))]);
clients.addRow(['X2', 'Toulouse Capitole', 574500, 6279600, 'B', new Date(Date.UTC(2024, 1, 1))]);
clients.addRow(['X3', 'Lille Grand Place', 704000, 7059000, 'A', new Date(Date.UTC(2024, 2, 1))]);
await wb.xlsx.writeFile(`${dir}/two-sheets.xlsx`);
console.log('fixtures written');
