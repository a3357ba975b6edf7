import iconv from 'iconv-lite';
import { files } from '../../messages/imports.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** Decodes a text file: UTF-8 (with or without BOM) when valid, else Windows-1252 (Excel's French default). */
export function decodeText(bytes: Uint8Array, forced?: TextEncoding): { text: string; encoding: TextEncoding; hadBom: boolean } {
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  if (forced === 'windows-1252') return { text: iconv.decode(Buffer.from(body), 'win1252'), encoding: forced, hadBom };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { text, encoding: 'utf-8', hadBom };
  } catch {
    if (forced === 'utf-8') throw new Error(files.notUtf8);
    return { text: iconv.decode(Buffer.from(body), 'win1252'), encoding: 'windows-1252', hadBom };
  }
}
