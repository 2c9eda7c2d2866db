/**
 * Progress of a ZIP being downloaded: the names of the entries whose local file header has
 * arrived, read from the byte stream as it comes in. A local header is 「PK\3\4」 followed by
 * version 20 (what fflate writes); requiring both makes a false match inside compressed data
 * about one in 2^48 positions. A header cut between two chunks is read when the rest arrives.
 */
const SIG = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00];
const FIXED = 30;

export type ZipProgress = { push(chunk: Uint8Array): string[] };

export function zipProgress(): ZipProgress {
  let carry = new Uint8Array(0);
  const decoder = new TextDecoder('utf-8');
  return {
    push(chunk) {
      const buf = new Uint8Array(carry.length + chunk.length);
      buf.set(carry);
      buf.set(chunk, carry.length);
      const names: string[] = [];
      let i = 0;
      let keepFrom = buf.length;
      for (; i + SIG.length <= buf.length; i++) {
        if (SIG.some((b, k) => buf[i + k] !== b)) continue;
        if (i + FIXED > buf.length) {
          keepFrom = i;
          break;
        }
        const nameLength = buf[i + 26] | (buf[i + 27] << 8);
        if (i + FIXED + nameLength > buf.length) {
          keepFrom = i;
          break;
        }
        names.push(decoder.decode(buf.subarray(i + FIXED, i + FIXED + nameLength)));
        i += FIXED + nameLength - 1;
      }
      // Keep what may be the start of a header: an unfinished one, or the last few bytes.
      carry = buf.slice(Math.min(keepFrom, Math.max(i, buf.length - SIG.length + 1)));
      return names;
    },
  };
}
