// What a scanner reads from ZPL ^BC data with invocation codes, for tests: digits in pairs in
// subset C, characters one by one in subset B, FNC1 after the first as GS.

const GS = '\u001d';

/** The transmitted text of ^BC data such as `>;>80104006381333931>6AB`; throws on what a printer would refuse. */
export function decodeZplCode128(data: string): string {
  if (!data.startsWith('>;>8')) throw new Error('a GS1-128 symbol starts in subset C with FNC1');
  let set: 'B' | 'C' = 'C';
  let out = '';
  for (let at = 4; at < data.length; ) {
    if (data[at] === '>') {
      const code = data[at + 1];
      if (code === '8') out += GS;
      else if (code === '6' && set === 'C') set = 'B';
      else if (code === '5' && set === 'B') set = 'C';
      else if (code === '0' && set === 'B') out += '>';
      else throw new Error(`>${code} in subset ${set}`);
      at += 2;
    } else if (set === 'C') {
      const pair = data.slice(at, at + 2);
      if (!/^\d\d$/.test(pair)) throw new Error(`${pair} is no digit pair for subset C`);
      out += pair;
      at += 2;
    } else {
      out += data[at];
      at++;
    }
  }
  return out;
}
