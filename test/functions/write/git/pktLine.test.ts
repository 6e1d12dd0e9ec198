import { FLUSH, pkt, PktLineError, readPktLines, sideBand } from '../../../../functions/write/git/pktLine';

describe('pktLine', () => {
  it('frames payloads with their length and reads them back with flush and delimiter', () => {
    const bytes = Buffer.concat([pkt('want abc\n'), FLUSH, Buffer.from('0001'), pkt('done\n')]);
    expect(bytes.toString('latin1', 0, 4)).toBe('000d');
    const { lines, end } = readPktLines(bytes);
    expect(lines.map((l) => (l.kind === 'data' ? l.text : l.kind))).toEqual(['want abc', 'flush', 'delim', 'done']);
    expect(end).toBe(bytes.length);
  });

  it('stops after the first flush when asked, leaving the rest (a pushed pack) unread', () => {
    const bytes = Buffer.concat([pkt('old new ref'), FLUSH, Buffer.from('PACK\u0000\u0000')]);
    const { end } = readPktLines(bytes, 0, true);
    expect(bytes.subarray(end).toString('latin1', 0, 4)).toBe('PACK');
  });

  it.each([['zzzz'], ['0003'], ['00ff' + 'short'], ['00']])('refuses the malformed input %j', (input) => {
    expect(() => readPktLines(Buffer.from(input, 'latin1'))).toThrow(PktLineError);
  });

  it('splits side-band data into pkt-lines of at most 65520 bytes', () => {
    const framed = sideBand(1, Buffer.alloc(200_000, 7));
    const { lines } = readPktLines(framed);
    expect(lines.length).toBe(4);
    for (const line of lines) {
      if (line.kind !== 'data') throw new Error('expected data');
      expect(line.payload[0]).toBe(1);
      expect(line.payload.length + 4).toBeLessThanOrEqual(65520);
    }
  });
});
