import { describe, expect, it } from 'vitest';
import {
  TabWriter,
  TabWriterFlags,
  describeWriterOptions,
  formatTabbed,
  runeWidth,
  tableWriterOptions,
  type TabWriterOptions,
} from './tabwriter.ts';

const { AlignRight, DiscardEmptyColumns, Debug, RememberWidths } = TabWriterFlags;

interface GoCase {
  name: string;
  opts: [minwidth: number, tabwidth: number, padding: number, padchar: string, flags: number];
  src: string;
  expected: string;
}

// Cases from Go's src/text/tabwriter/tabwriter_test.go (escape and FilterHTML cases left out).
const goCases: GoCase[] = [
  { name: '1a: empty input gives empty output', opts: [8, 0, 1, '.', 0], src: '', expected: '' },
  { name: '1a debug: empty input gives empty output', opts: [8, 0, 1, '.', Debug], src: '', expected: '' },
  { name: '2: bare newlines pass through', opts: [8, 0, 1, '.', 0], src: '\n\n\n', expected: '\n\n\n' },
  { name: '3: lines without tabs pass through', opts: [8, 0, 1, '.', 0], src: 'a\nb\nc', expected: 'a\nb\nc' },
  { name: '4a: a lone tab on the last line prints nothing', opts: [8, 0, 1, '.', 0], src: '\t', expected: '' },
  { name: '4b: a lone tab right-aligned prints nothing', opts: [8, 0, 1, '.', AlignRight], src: '\t', expected: '' },
  { name: '5: a cell is padded to minwidth', opts: [8, 0, 1, '.', 0], src: '*\t*', expected: '*.......*' },
  { name: '5b: padding with a trailing newline', opts: [8, 0, 1, '.', 0], src: '*\t*\n', expected: '*.......*\n' },
  { name: '5c: a trailing tab-terminated cell is not padded', opts: [8, 0, 1, '.', 0], src: '*\t*\t', expected: '*.......*' },
  { name: '5c debug: column breaks are shown as bars', opts: [8, 0, 1, '.', Debug], src: '*\t*\t', expected: '*.......|*' },
  { name: '5d: right alignment pads before the text', opts: [8, 0, 1, '.', AlignRight], src: '*\t*\t', expected: '.......**' },
  { name: '6: an empty cell is padded', opts: [8, 0, 1, '.', 0], src: '\t\n', expected: '........\n' },
  { name: '7a: text without tabs is untouched', opts: [8, 0, 1, '.', 0], src: 'a) foo', expected: 'a) foo' },
  { name: '7b: space padding', opts: [8, 0, 1, ' ', 0], src: 'b) foo\tbar', expected: 'b) foo  bar' },
  { name: '7c: trailing tab without newline', opts: [8, 0, 1, '.', 0], src: 'c) foo\tbar\t', expected: 'c) foo..bar' },
  { name: '7d: newline after the last cell', opts: [8, 0, 1, '.', 0], src: 'd) foo\tbar\n', expected: 'd) foo..bar\n' },
  { name: '7e: tab-terminated last cell before newline is padded', opts: [8, 0, 1, '.', 0], src: 'e) foo\tbar\t\n', expected: 'e) foo..bar.....\n' },
  { name: '8: a star padchar never shows without tabs', opts: [8, 0, 1, '*', 0], src: 'Hello, world!\n', expected: 'Hello, world!\n' },
  {
    name: '9a: minwidth 1 without padding',
    opts: [1, 0, 0, '.', 0],
    src: '1\t2\t3\t4\n11\t222\t3333\t44444\n',
    expected: '1.2..3...4\n11222333344444\n',
  },
  {
    name: '9c: a formfeed ends the column block',
    opts: [1, 0, 0, '.', 0],
    src: '1\t2\t3\t4\f11\t222\t3333\t44444\n',
    expected: '1234\n11222333344444\n',
  },
  {
    name: '9c debug: a formfeed prints a section break',
    opts: [1, 0, 0, '.', Debug],
    src: '1\t2\t3\t4\f11\t222\t3333\t44444\n',
    expected: '1|2|3|4\n---\n11|222|3333|44444\n',
  },
  { name: '10a: minwidth applies to every column', opts: [5, 0, 0, '.', 0], src: '1\t2\t3\t4\n', expected: '1....2....3....4\n' },
  { name: '10b: minwidth applies to a trailing column', opts: [5, 0, 0, '.', 0], src: '1\t2\t3\t4\t\n', expected: '1....2....3....4....\n' },
  {
    name: '11: widths are counted in runes, not bytes',
    opts: [8, 0, 1, '.', 0],
    src: '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
    expected: '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
  },
  {
    name: '12a: right alignment with accented runes',
    opts: [8, 0, 1, ' ', AlignRight],
    src: 'a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n',
    expected: '       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n',
  },
  {
    name: '12b: minwidth 2 without padding lets cells touch',
    opts: [2, 0, 0, ' ', 0],
    src: 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
    expected: 'a  b  c\naa bbbcccc\naaabbbb\n',
  },
  {
    name: '12c: underscore padding',
    opts: [8, 0, 1, '_', 0],
    src: 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
    expected: 'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n',
  },
  {
    name: '13a: columns are only as long as the consecutive lines that have them',
    opts: [4, 0, 1, '-', 0],
    src:
      '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    expected:
      '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n',
  },
  {
    name: '13b: padding of three',
    opts: [4, 0, 3, '.', 0],
    src: '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    expected:
      '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n',
  },
  {
    name: '14: right-aligned numbers',
    opts: [1, 0, 2, ' ', AlignRight],
    src: '.0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t',
    expected:
      '    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n   5.1        12.0    2.4    -7.0\n    .0         0.0  332.0  8908.0\n    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3',
  },
  {
    name: '14 debug: right-aligned numbers with column bars',
    opts: [1, 0, 2, ' ', AlignRight | Debug],
    src: '.0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t',
    expected:
      '    .0|          .3|    2.4|    -5.1|\n  23.0|  12345678.9|    2.4|  -989.4|\n   5.1|        12.0|    2.4|    -7.0|\n    .0|         0.0|  332.0|  8908.0|\n    .0|         -.3|  456.4|    22.1|\n    .0|         1.2|   44.4|   -13.3|',
  },
  { name: '15a: an empty hard-tab column keeps its width', opts: [4, 0, 0, '.', 0], src: 'a\t\tb', expected: 'a.......b' },
  { name: '15b: hard tabs are never discarded', opts: [4, 0, 0, '.', DiscardEmptyColumns], src: 'a\t\tb', expected: 'a.......b' },
  { name: '15c: an empty soft-tab column is discarded', opts: [4, 0, 0, '.', DiscardEmptyColumns], src: 'a\v\vb', expected: 'a...b' },
  {
    name: '15d: discarded columns with right alignment',
    opts: [4, 0, 0, '.', AlignRight | DiscardEmptyColumns],
    src: 'a\v\vb',
    expected: '...ab',
  },
  {
    name: '16a: tab padding rounds to tab stops',
    opts: [100, 100, 0, '\t', 0],
    src: 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    expected: 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  },
  {
    name: '16b: soft tabs with tab padding discard empty columns',
    opts: [100, 100, 0, '\t', DiscardEmptyColumns],
    src: 'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    expected: 'a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  },
  {
    name: '16b debug: discarded columns appear as zero-width columns',
    opts: [100, 100, 0, '\t', DiscardEmptyColumns | Debug],
    src: 'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    expected: 'a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
  },
  {
    name: '16c: hard tabs with tab padding keep empty columns',
    opts: [100, 100, 0, '\t', DiscardEmptyColumns],
    src: 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    expected: 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  },
  {
    name: '16c debug: hard tabs with tab padding and bars',
    opts: [100, 100, 0, '\t', DiscardEmptyColumns | Debug],
    src: 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    expected: 'a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
  },
];

function toOptions([minwidth, tabwidth, padding, padchar, flags]: GoCase['opts']): TabWriterOptions {
  return { minwidth, tabwidth, padding, padchar, flags };
}

describe('formatTabbed (Go tabwriter_test.go)', () => {
  it.each(goCases)('$name', ({ opts, src, expected }) => {
    expect(formatTabbed(src, toOptions(opts))).toBe(expected);
  });
});

describe('TabWriter streaming', () => {
  it.each(goCases)('$name, written one character at a time', ({ opts, src, expected }) => {
    const w = new TabWriter(toOptions(opts));
    for (const ch of src) w.write(ch);
    expect(w.flush()).toBe(expected);
  });

  it.each(goCases)('$name, written in fibonacci-sized slices', ({ opts, src, expected }) => {
    const w = new TabWriter(toOptions(opts));
    for (let i = 0, d = 0; i < src.length; ) {
      w.write(src.slice(i, i + d));
      i += d;
      d += 1;
      if (i + d > src.length) d = src.length - i;
    }
    expect(w.flush()).toBe(expected);
  });

  it('can be reused after a flush', () => {
    const w = new TabWriter({ minwidth: 8, tabwidth: 0, padding: 1, padchar: '.' });
    w.write('a\tb\n');
    expect(w.flush()).toBe('a.......b\n');
    w.write('cc\td\n');
    expect(w.flush()).toBe('cc......d\n');
  });

  it('remembers column widths across flushes with RememberWidths (liggitt TestMultiWrite)', () => {
    const opts = { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: RememberWidths };
    const w = new TabWriter(opts);
    const out: string[] = [];
    w.write('First\tMiddle\tLast\n');
    w.write('a\tbb\tccc\n');
    w.write('ddd\teeeeeeeeeeeeee\tf\n');
    out.push(w.flush());
    w.write('g\th\ti\n');
    out.push(w.flush());
    w.write('j\t\t\n');
    out.push(w.flush());
    w.write('\tk\t\n');
    out.push(w.flush());
    w.write('\t\tl\n');
    out.push(w.flush());
    w.write('mmmmmmmmmmmmmmm\tnnn\tooo\n');
    out.push(w.flush());
    const next = new TabWriter(opts).setRememberedWidths(w.rememberedWidths());
    next.write('p\tq\tr\n');
    out.push(next.flush());
    expect(next.rememberedWidths()).toEqual([18, 17]);
    next.setRememberedWidths(null);
    next.write('sssss\tt\tu\n');
    out.push(next.flush());
    expect(next.rememberedWidths()).toEqual([8, 6]);
    next.setRememberedWidths([10, 5, 5]);
    next.write('v\tw\tx\n');
    out.push(next.flush());
    expect(out.join('')).toBe(
      [
        'First   Middle           Last\n',
        'a       bb               ccc\n',
        'ddd     eeeeeeeeeeeeee   f\n',
        'g       h                i\n',
        'j                        \n',
        '        k                \n',
        '                         l\n',
        'mmmmmmmmmmmmmmm   nnn              ooo\n',
        'p                 q                r\n',
        'sssss   t     u\n',
        'v         w     x\n',
      ].join(''),
    );
  });
});

describe('kubectl presets', () => {
  it('lays out a kubectl get table with three spaces between columns', () => {
    const text =
      'NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n' +
      'nginx-7c5b8d65b8-abcde\t1/1\tRunning\t0\t5m\n' +
      'web-0\t0/1\tContainerCreating\t12 (3m ago)\t2d4h\n';
    expect(formatTabbed(text, tableWriterOptions)).toBe(
      'NAME                     READY   STATUS              RESTARTS      AGE\n' +
        'nginx-7c5b8d65b8-abcde   1/1     Running             0             5m\n' +
        'web-0                    0/1     ContainerCreating   12 (3m ago)   2d4h\n',
    );
  });

  it('keeps short columns at the minimum width of six, padding included', () => {
    expect(formatTabbed('A\tB\n1\t2\n', tableWriterOptions)).toBe('A     B\n1     2\n');
  });

  it('aligns each describe section on its own, since one-cell lines end a block', () => {
    const text =
      'Name:\tnginx\n' +
      'Namespace:\tdefault\n' +
      'Labels:\tapp=nginx\n' +
      '\tpod-template-hash=abc\n' +
      'Containers:\n' +
      '  nginx:\n' +
      '    Image:\tnginx:1.25\n' +
      '    Port:\t80/TCP\n' +
      'Conditions:\n' +
      '  Type\tStatus\n' +
      '  Ready\tTrue\n';
    expect(formatTabbed(text, describeWriterOptions)).toBe(
      'Name:       nginx\n' +
        'Namespace:  default\n' +
        'Labels:     app=nginx\n' +
        '            pod-template-hash=abc\n' +
        'Containers:\n' +
        '  nginx:\n' +
        '    Image:  nginx:1.25\n' +
        '    Port:   80/TCP\n' +
        'Conditions:\n' +
        '  Type   Status\n' +
        '  Ready  True\n',
    );
  });

  it('aligns a block of lines with three cells and then with two cells', () => {
    const text = 'a\tbbbb\tc\naaaa\tb\tc\naa\tb\n';
    expect(formatTabbed(text, describeWriterOptions)).toBe('a     bbbb  c\naaaa  b     c\naa    b\n');
  });
});

describe('runeWidth', () => {
  it.each([
    ['ascii', 'abc', 3],
    ['CJK characters', '日本語', 3],
    ['an astral emoji counts once', 'a😀b', 3],
    ['a lone surrogate counts once, as Go sees U+FFFD', 'a\ud800b', 3],
  ])('counts %s', (_name, s, n) => {
    expect(runeWidth(s)).toBe(n);
  });
});

describe('TabWriter options', () => {
  it('rejects negative sizes as Go does', () => {
    expect(() => new TabWriter({ minwidth: -1, tabwidth: 0, padding: 0, padchar: ' ' })).toThrow(
      'negative minwidth, tabwidth, or padding',
    );
  });
});
