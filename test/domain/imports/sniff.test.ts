import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sniffBinary, isXlsxZip } from '../../../api/src/domain/imports/sniff.js';
import { NotTextError, openRows, parseTable } from '../../../api/src/domain/imports/parse.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/imports', name)));
const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(64).fill(0)]);

/** The first bytes of common non-text files (what users drop by mistake on a .csv import). */
const SAMPLES: [string, Uint8Array, RegExp][] = [
  ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), /image PNG/],
  ['ELF', bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01), /exécutable ELF/],
  ['PDF', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), /document PDF/],
  ['GIF', bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61), /image GIF/],
  ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46), /image JPEG/],
  ['EXE', bytes(0x4d, 0x5a, 0x90, 0x00, 0x03), /exécutable Windows/],
  ['ZIP', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('\x14\x00\x00\x00photos/vacances.jpg')]), /archive ZIP \(pas un classeur Excel\)/],
  ['NUL', new TextEncoder().encode('id;nom\n1;a\u0000b\n'), /binaire/],
];

describe('non-text content in a file named .csv', () => {
  it.each(SAMPLES)('names %s content', (_kind, content, looksLike) => {
    expect(sniffBinary(content)).toMatch(looksLike);
  });

  it('lets text through: CSV (UTF-8, BOM, Windows-1252), a header "MZ…" and an XLSX workbook', () => {
    for (const name of ['clean.csv', 'utf8-bom.csv', 'windows1252-semicolon.csv', 'bad-rows.csv', 'points.geojson', 'two-sheets.xlsx']) expect(sniffBinary(fixture(name)), name).toBeNull();
    expect(sniffBinary(new TextEncoder().encode('MZ_code;nom\n1;a\n'))).toBeNull();
    expect(isXlsxZip(fixture('two-sheets.xlsx'))).toBe(true);
  });

  it('refuses to parse it, in French, naming what it looks like (preview and streaming import)', async () => {
    const png = SAMPLES[0][1];
    await expect(parseTable('clients.csv', png)).rejects.toThrow(NotTextError);
    await expect(parseTable('clients.csv', png)).rejects.toThrow("Ce fichier n'est pas un fichier CSV/texte (il ressemble à une image PNG) : exportez vos données en CSV, XLSX ou GeoJSON.");
    await expect(openRows('clients.csv', SAMPLES[1][1])).rejects.toMatchObject({ looksLike: 'un exécutable ELF (Linux)' });
    await expect(parseTable('archive.csv', SAMPLES[6][1])).rejects.toThrow(/archive ZIP/);
    // A real workbook saved under a .csv name is still read as XLSX.
    expect((await parseTable('clients.csv', fixture('two-sheets.xlsx'), { sheet: 'Clients' })).rows).toHaveLength(3);
  });
});
