/**
 * Is this really text? A file named .csv may be an image, an executable or an archive: read as CSV it would
 * preview as garbage rows or fail on a "quote". Magic bytes name the common kinds; NUL or control bytes
 * catch the rest. Pure.
 */

const MAGIC: [bytes: number[], looksLike: string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'une image PNG'],
  [[0xff, 0xd8, 0xff], 'une image JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'une image GIF'],
  [[0x25, 0x50, 0x44, 0x46], 'un document PDF'],
  [[0x7f, 0x45, 0x4c, 0x46], 'un exécutable ELF (Linux)'],
  [[0x4d, 0x5a], 'un exécutable Windows (.exe)'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'un exécutable macOS'],
  [[0xca, 0xfe, 0xba, 0xbe], 'un exécutable macOS ou Java'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'un ancien fichier Office (.xls ou .doc) : réenregistrez-le en .xlsx ou en CSV'],
  [[0x1f, 0x8b], 'une archive gzip'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'une archive 7-Zip'],
  [[0x52, 0x61, 0x72, 0x21], 'une archive RAR'],
  [[0x42, 0x5a, 0x68], 'une archive bzip2'],
  [[0x49, 0x49, 0x2a, 0x00], 'une image TIFF'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'une image TIFF'],
  [[0x52, 0x49, 0x46, 0x46], 'un fichier multimédia (image WebP, son WAV ou vidéo AVI)'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'une base SQLite'],
];

const startsWith = (bytes: Uint8Array, magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** A ZIP that holds an Excel workbook (entry names are stored in clear in the local headers). */
export function isXlsxZip(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return false;
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).toString('latin1');
  return head.includes('xl/') || head.includes('[Content_Types].xml');
}

/** What a non-text file looks like (French, for "il ressemble à …"), or null for text. */
export function sniffBinary(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return isXlsxZip(bytes) ? null : 'une archive ZIP (pas un classeur Excel)';
  }
  // UTF-16 text (Excel's "Texte Unicode") has NUL bytes but is text: decode.ts says what to do with it.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'un texte UTF-16 : réenregistrez-le en « CSV UTF-8 »';
  for (const [magic, looksLike] of MAGIC) {
    // "MZ" may start a text header too: an executable also has NUL bytes in its first 64.
    if (startsWith(bytes, magic) && (magic.length > 2 || bytes.subarray(0, 64).includes(0) || magic[0] < 0x20)) return looksLike;
  }
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'un fichier binaire (il contient des octets nuls)';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a)) control++;
  }
  return head.length && control / head.length > 0.02 ? 'un fichier binaire' : null;
}
