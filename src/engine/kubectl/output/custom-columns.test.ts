import { describe, expect, it } from 'vitest';
import {
  CustomColumnsError,
  escapeTerminal,
  parseCustomColumns,
  parseCustomColumnsFile,
  renderCustomColumns,
} from './custom-columns.ts';

describe('parseCustomColumns (customcolumn_test.go TestNewColumnPrinterFromSpec)', () => {
  it('relaxes each column path', () => {
    expect(parseCustomColumns('NAME:metadata.name,API_VERSION:apiVersion')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'API_VERSION', fieldSpec: '{.apiVersion}' },
    ]);
  });

  it('splits each column at its first colon only', () => {
    expect(parseCustomColumns('A:.metadata.annotations.x:y')).toEqual([{ header: 'A', fieldSpec: '{.metadata.annotations.x:y}' }]);
  });

  it('keeps an empty path empty', () => {
    expect(parseCustomColumns('EMPTY:')).toEqual([{ header: 'EMPTY', fieldSpec: '' }]);
  });

  it.each([
    ['an empty spec', '', 'custom-columns format specified but no custom columns given'],
    ['a column without a colon', 'invalid', 'unexpected custom-columns spec: invalid, expected <header>:<json-path-expr>'],
    ['an equals sign instead of a colon', 'invalid=foobar', 'unexpected custom-columns spec: invalid=foobar, expected <header>:<json-path-expr>'],
    ['one bad column among good ones', 'invalid,foobar:blah', 'unexpected custom-columns spec: invalid, expected <header>:<json-path-expr>'],
    [
      'a path with two actions',
      'A:{.a}{.b}',
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    ],
  ])('rejects %s', (_name, spec, message) => {
    expect(() => parseCustomColumns(spec)).toThrow(message);
  });
});

describe('parseCustomColumnsFile (TestNewColumnPrinterFromTemplate)', () => {
  it('reads a header line and a spec line', () => {
    expect(parseCustomColumnsFile('NAME               API_VERSION\n{metadata.name}    {apiVersion}')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'API_VERSION', fieldSpec: '{.apiVersion}' },
    ]);
  });

  it('accepts tabs and leading whitespace', () => {
    expect(parseCustomColumnsFile('NAME               \t\tAPI_VERSION\r\n\t\t\t\t\t\t\t{metadata.name}    {apiVersion}\n')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'API_VERSION', fieldSpec: '{.apiVersion}' },
    ]);
  });

  it.each([
    [
      'an empty file',
      '',
      'invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.',
    ],
    [
      'a single line',
      'invalid',
      'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.',
    ],
    ['more headers than specs', 'NAME KIND\n.metadata.name\n', "number of headers (2) and field specifications (1) don't match"],
    ['an empty spec line', 'NAME\n\n', "number of headers (1) and field specifications (0) don't match"],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseCustomColumnsFile(text)).toThrow(message);
  });
});

describe('renderCustomColumns (TestColumnPrint, TestIndividualPrintObjOnExistingTabWriter)', () => {
  const name = { header: 'NAME', fieldSpec: '{.metadata.name}' };
  const apiVersion = { header: 'API_VERSION', fieldSpec: '{.apiVersion}' };

  it('prints one object', () => {
    expect(renderCustomColumns([name], [{ metadata: { name: 'foo' } }])).toBe('NAME\nfoo\n');
  });

  it('prints a list with one header', () => {
    expect(renderCustomColumns([name], [{ metadata: { name: 'foo' } }, { metadata: { name: 'bar' } }])).toBe('NAME\nfoo\nbar\n');
  });

  it('aligns columns with three spaces', () => {
    expect(renderCustomColumns([name, apiVersion], [{ apiVersion: 'baz', metadata: { name: 'foo' } }])).toBe(
      'NAME   API_VERSION\nfoo    baz\n',
    );
  });

  it('prints <none> for a missing field', () => {
    const columns = [name, apiVersion, { header: 'NOT_FOUND', fieldSpec: '{.notFound}' }];
    expect(renderCustomColumns(columns, [{ apiVersion: 'baz', metadata: { name: 'foo' } }])).toBe(
      'NAME   API_VERSION   NOT_FOUND\nfoo    baz           <none>\n',
    );
  });

  it('escapes terminal control characters', () => {
    expect(renderCustomColumns([name], [{ metadata: { name: '\x1b \r' } }])).toBe('NAME\n^[ \\r\n');
  });

  it('sizes columns by their headers when values are shorter', () => {
    const columns = parseCustomColumns('NAME:.metadata.name,LONG COLUMN NAME:.metadata.labels.label1,LABEL 2:.metadata.labels.label2');
    const objects = [
      { metadata: { name: 'foo', labels: { label1: 'foo', label2: 'foo' } } },
      { metadata: { name: 'bar', labels: { label1: 'bar', label2: 'bar' } } },
    ];
    expect(renderCustomColumns(columns, objects)).toBe(
      'NAME   LONG COLUMN NAME   LABEL 2\nfoo    foo                foo\nbar    bar                bar\n',
    );
  });

  it('leaves out the header with noHeaders', () => {
    expect(renderCustomColumns([apiVersion], [{ apiVersion: 'v1' }], { noHeaders: true })).toBe('v1\n');
  });

  it('prints only the header for no objects', () => {
    expect(renderCustomColumns([name, apiVersion], [])).toBe('NAME   API_VERSION\n');
  });

  it('prints Go values: maps, lists, numbers, null', () => {
    const columns = parseCustomColumns('LABELS:.metadata.labels,PORTS:.spec.ports,N:.n,F:.f,NULL:.z');
    const obj = { metadata: { labels: { tier: 'fe', app: 'web' } }, spec: { ports: [80, 443] }, n: 3, f: 0.5, z: null };
    expect(renderCustomColumns(columns, [obj])).toBe(
      'LABELS' + ' '.repeat(17) + 'PORTS      N     F     NULL\n' + 'map[app:web tier:fe]   [80 443]   3     0.5   <nil>\n',
    );
  });
});

describe('renderCustomColumns with slices (TestSliceColumnPrint)', () => {
  const pod = {
    metadata: { name: 'fake-name', namespace: 'fake-namespace' },
    spec: { containers: [{ name: 'fake0' }, { name: 'fake1' }, { name: 'fake2' }, { name: 'fake3' }] },
  };
  it.each([
    ['[0]', 'fake0'],
    ['[3]', 'fake3'],
    ['[-1]', 'fake3'],
    ['[-2]', 'fake2'],
    ['[-4]', 'fake0'],
    ['[0:0]', '<none>'],
    ['[0:3]', 'fake0,fake1,fake2'],
    ['[1:]', 'fake1,fake2,fake3'],
    ['[0:-1]', 'fake0,fake1,fake2'],
    ['[-1:]', 'fake3'],
    ['[-4:]', 'fake0,fake1,fake2,fake3'],
    ['[-3:-1]', 'fake1,fake2'],
    ['[4:4]', '<none>'],
    ['[-5:-5]', '<none>'],
  ])('prints containers%s', (index, want) => {
    const columns = parseCustomColumns(`CONTAINER:.spec.containers${index}.name`);
    expect(renderCustomColumns(columns, [pod])).toBe(`CONTAINER\n${want}\n`);
  });

  it.each([
    ['[5]', 'array index out of bounds: index 5, length 4'],
    ['[-5]', 'array index out of bounds: index -1, length 4'],
    ['[3:1]', 'starting index 3 is greater than ending index 1'],
    ['[-2:-3]', 'starting index 2 is greater than ending index 1'],
  ])('fails on containers%s after printing the header', (index, message) => {
    const columns = parseCustomColumns(`CONTAINER:.spec.containers${index}.name`);
    expect(() => renderCustomColumns(columns, [pod])).toThrow(new CustomColumnsError(message, 'CONTAINER\n'));
    try {
      renderCustomColumns(columns, [pod]);
    } catch (e) {
      expect((e as CustomColumnsError).output).toBe('CONTAINER\n');
    }
  });

  it('reports a path that does not parse after printing the header', () => {
    const columns = parseCustomColumns('A:.a[');
    expect(() => renderCustomColumns(columns, [pod])).toThrow('unterminated array');
  });
});

describe('escapeTerminal', () => {
  it('leaves ordinary text alone', () => {
    expect(escapeTerminal('web-0')).toBe('web-0');
  });

  it('replaces ESC and CR', () => {
    expect(escapeTerminal('\x1b[31mred\r')).toBe('^[[31mred\\r');
  });
});
