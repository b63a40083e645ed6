import { describe, expect, it } from 'vitest';
import {
  KubectlPrintError,
  executeJsonPath,
  formatFloatG,
  formatGoValue,
  goJsonMarshal,
  goJsonString,
  goQuote,
  parseJsonPath,
  printJsonPath,
  relaxedJsonPath,
  type ListNode,
  type Node,
} from './jsonpath.ts';

// Flattens a parse tree the way parser_test.go's collectNode does, printing each node as Go's String().
function collect(nodes: Node[], out: string[] = []): string[] {
  for (const n of nodes) {
    switch (n.type) {
      case 'list':
        out.push('NodeList');
        collect(n.nodes, out);
        break;
      case 'text':
        out.push(`NodeText: ${n.text}`);
        break;
      case 'field':
        out.push(`NodeField: ${n.name}`);
        break;
      case 'identifier':
        out.push(`NodeIdentifier: ${n.name}`);
        break;
      case 'array':
        out.push(`NodeArray: [${n.params.map((p) => `{${p.value} ${p.known} ${p.derived}}`).join(' ')}]`);
        break;
      case 'filter':
        out.push(`NodeFilter: NodeList ${n.operator} NodeList`);
        collect([n.left, n.right], out);
        break;
      case 'int':
        out.push(`NodeInt: ${n.value}`);
        break;
      case 'float':
        out.push(`NodeFloat: ${n.value.toFixed(6)}`);
        break;
      case 'bool':
        out.push(`NodeBool: ${n.value}`);
        break;
      case 'wildcard':
        out.push('NodeWildcard');
        break;
      case 'recursive':
        out.push('NodeRecursive');
        break;
      case 'union':
        out.push('NodeUnion');
        collect(n.nodes as ListNode[], out);
        break;
    }
  }
  return out;
}

describe('parseJsonPath (client-go parser_test.go)', () => {
  it.each([
    ['plain text', 'hello jsonpath', ['NodeText: hello jsonpath']],
    ['a variable', 'hello {.jsonpath}', ['NodeText: hello ', 'NodeList', 'NodeField: jsonpath']],
    ['a bracketed field', "hello {['jsonpath']}", ['NodeText: hello ', 'NodeList', 'NodeField: jsonpath']],
    ['a quoted brace', '{"{"}', ['NodeList', 'NodeText: {']],
    ['a slice', '{[1:3]}', ['NodeList', 'NodeArray: [{1 true false} {3 true false} {0 false false}]']],
    [
      'all elements',
      '{.book[*].author}',
      ['NodeList', 'NodeField: book', 'NodeArray: [{0 false false} {0 false false} {0 false false}]', 'NodeField: author'],
    ],
    ['a wildcard', '{.bicycle.*}', ['NodeList', 'NodeField: bicycle', 'NodeWildcard']],
    [
      'a filter',
      '{[?(@.price<3)]}',
      ['NodeList', 'NodeFilter: NodeList < NodeList', 'NodeList', 'NodeField: price', 'NodeList', 'NodeInt: 3'],
    ],
    ['recursive descent', '{..}', ['NodeList', 'NodeRecursive']],
    ['recursive descent to a field', '{..price}', ['NodeList', 'NodeRecursive', 'NodeField: price']],
    ['a bracketed key with a dot, which is two fields', "{['book.price']}", ['NodeList', 'NodeField: book', 'NodeField: price']],
    [
      'a union',
      "{['bicycle.price', 3, 'book.price']}",
      [
        'NodeList',
        'NodeUnion',
        'NodeList',
        'NodeField: bicycle',
        'NodeField: price',
        'NodeList',
        'NodeArray: [{3 true false} {4 true true} {0 false false}]',
        'NodeList',
        'NodeField: book',
        'NodeField: price',
      ],
    ],
    [
      'a range',
      '{range .items}{.name},{end}',
      ['NodeList', 'NodeIdentifier: range', 'NodeField: items', 'NodeList', 'NodeField: name', 'NodeText: ,', 'NodeList', 'NodeIdentifier: end'],
    ],
    [
      'paired parentheses in quotes',
      '{[?(@.status.nodeInfo.osImage == "()")]}',
      ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: status', 'NodeField: nodeInfo', 'NodeField: osImage', 'NodeList', 'NodeText: ()'],
    ],
    [
      'escaped double quotes inside a filter',
      '{[?(@.status.nodeInfo.osImage == "(\\"\\")")]}',
      ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: status', 'NodeField: nodeInfo', 'NodeField: osImage', 'NodeList', 'NodeText: ("")'],
    ],
    [
      'unbalanced parentheses in quotes',
      '{[?(@.test == "())(")]}',
      ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: test', 'NodeList', 'NodeText: ())('],
    ],
    [
      'single-quoted text',
      "{[?(@.status.nodeInfo.osImage == 'Linux')]}",
      ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: status', 'NodeField: nodeInfo', 'NodeField: osImage', 'NodeList', 'NodeText: Linux'],
    ],
    [
      'braces inside a quoted filter value',
      '{[?(@.status.nodeInfo.osImage == "{[()]}")]}',
      ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: status', 'NodeField: nodeInfo', 'NodeField: osImage', 'NodeList', 'NodeText: {[()]}'],
    ],
    [
      'single quotes inside double quotes',
      `{[?(@.status.nodeInfo.osImage == "''")]}`,
      ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: status', 'NodeField: nodeInfo', 'NodeField: osImage', 'NodeList', "NodeText: ''"],
    ],
    [
      'an escaped single quote inside single quotes',
      "{[?(@.status.nodeInfo.osImage == '\\\\\\'')]}",
      ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: status', 'NodeField: nodeInfo', 'NodeField: osImage', 'NodeList', "NodeText: \\'"],
    ],
    ['a negative slice start', '{[-5:]}', ['NodeList', 'NodeArray: [{-5 true false} {0 false false} {0 false false}]']],
    ['a negative index', '{[-1]}', ['NodeList', 'NodeArray: [{-1 true false} {0 true true} {0 false false}]']],
    ['a negative slice end', '{[1:-1]}', ['NodeList', 'NodeArray: [{1 true false} {-1 true false} {0 false false}]']],
    ['booleans and floats', '{true}{1.5}', ['NodeList', 'NodeBool: true', 'NodeList', 'NodeFloat: 1.500000']],
  ])('parses %s', (_name, template, want) => {
    expect(collect(parseJsonPath(template).root.nodes)).toEqual(want);
  });

  it.each([
    ['an unclosed action', '{.hello', 'unclosed action'],
    ['an unrecognized character', '{*}', "unrecognized character in action: U+002A '*'"],
    ['an exclamation mark', '{!}', "unrecognized character in action: U+0021 '!'"],
    ['a tab, which is not printable', '{\t}', 'unrecognized character in action: U+0009'],
    ['an invalid number', '{+12.3.0}', 'cannot parse number +12.3.0'],
    ['an unterminated array', '{[1}', 'unterminated array'],
    ['an unterminated filter', '{[?(.price]}', 'unterminated filter'],
    ['multiple recursive descents', '{........}', 'invalid multiple recursive descent'],
    ['a malformed input', '{\\\\\\}', "unrecognized character in action: U+005C '\\'"],
    ['an invalid array index', '{[a]}', 'invalid array index a'],
    ['a lone minus as index', '{[-]}', 'array index - is not a number'],
    ['an unterminated quote', '{"abc}', 'unterminated quoted string'],
    ['a bad escape in a quote', '{"\\q"}', 'unquote string "\\q" error invalid syntax'],
    ['a filter without its bracket', '{[?(@.a)x}', 'unclosed array expect ]'],
  ])('rejects %s', (_name, template, message) => {
    expect(() => parseJsonPath(template)).toThrow(message);
  });
});

function run(template: string, data: unknown, allowMissingKeys = false): string {
  return executeJsonPath(parseJsonPath(template), data, { allowMissingKeys });
}

describe('executeJsonPath on typed slices (jsonpath_test.go TestTypesInput)', () => {
  const types = {
    bools: [true, false, true, false],
    integers: [1, 2, 3, 4],
    floats: [1.0, 2.2, 3.3, 4.0],
    strings: ['one', 'two', 'three', 'four'],
    interfaces: [true, 'one', 1, 1.1],
    maps: [
      { name: 'one', value: 1 },
      { name: 'two', value: 2.02 },
      { name: 'three', value: 3.03 },
      { name: 'four', value: 4.04 },
    ],
  };
  it.each([
    ['a bool slice as JSON', '{ .bools }', '[true,false,true,false]'],
    ['the first bool', '{ .bools[0] }', 'true'],
    ['the last bool', '{ .bools[-1] }', 'false'],
    ['a bool sub-slice', '{ .bools[0:2] }', 'true false'],
    ['the first two bools', '{ .bools[:2] }', 'true false'],
    ['every second bool', '{ .bools[:4:2] }', 'true true'],
    ['an integer slice', '{ .integers }', '[1,2,3,4]'],
    ['an integer from the end', '{ .integers[-2] }', '3'],
    ['every second integer', '{ .integers[:4:2] }', '1 3'],
    ['a float slice', '{ .floats }', '[1,2.2,3.3,4]'],
    ['the first float', '{ .floats[0] }', '1'],
    ['a float from the end', '{ .floats[-2] }', '3.3'],
    ['two floats', '{ .floats[0:2] }', '1 2.2'],
    ['a string slice', '{ .strings }', '["one","two","three","four"]'],
    ['a string from the end', '{ .strings[-2] }', 'three'],
    ['every second string', '{ .strings[:4:2] }', 'one three'],
    ['a mixed slice', '{ .interfaces }', '[true,"one",1,1.1]'],
    ['mixed values printed as text', '{ .interfaces[0:2] }', 'true one'],
    ['a slice of maps', '{ .maps }', '[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]'],
    ['one map', '{ .maps[0] }', '{"name":"one","value":1}'],
    ['a map from the end', '{ .maps[-2] }', '{"name":"three","value":3.03}'],
    ['every second map', '{ .maps[::2] }', '{"name":"one","value":1} {"name":"three","value":3.03}'],
    ['every second map from the second', '{ .maps[1::2] }', '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
  ])('prints %s', (_name, template, want) => {
    expect(run(template, types)).toBe(want);
  });
});

describe('executeJsonPath on a store (TestStructInput, with maps in place of structs)', () => {
  const store = {
    Name: 'jsonpath',
    Book: [
      { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
      { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
      { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
    ],
    Bicycle: [
      { Color: 'red', Price: 19.95, IsNew: true },
      { Color: 'green', Price: 20.01, IsNew: false },
    ],
    Labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
    Employees: { jason: 'manager', dan: 'clerk' },
  };
  it.each([
    ['plain text', 'hello jsonpath', null, 'hello jsonpath'],
    ['recursive descent over a list', '{..}', [1, 2, 3], '[1,2,3]'],
    ['a filter on numbers', '{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
    ['a quoted brace', '{"{"}', null, '{'],
    ['a union of indexes', '{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
    ['a slice of strings', '{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
    ['a variable', 'hello {.Name}', store, 'hello jsonpath'],
    ['a key with a slash', '{$.Labels.web/html}', store, '15'],
    ['a map entry', '{$.Employees.jason}', store, 'manager'],
    ['another map entry', '{$.Employees.dan}', store, 'clerk'],
    ['a key with a dash', '{.Labels.k8s-app}', store, '20'],
    ['a field of every element', '{.Bicycle[*].Color}', store, 'red green'],
    ['all authors', '{.Book[*].Author}', store, 'Nigel Rees Evelyn Waugh Herman Melville'],
    ['all fields in key order', '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', store, '{red true 19.95} {green false 20.01} '],
    ['a recursive field, maps visited in key order', '{..Price}', store, '19.95 20.01 8.95 12.99 8.99'],
    ['a recursive field after three dots', '{...Price}', store, '19.95 20.01 8.95 12.99 8.99'],
    ['a list of maps', '{.Bicycle}', store, '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]'],
    ['each element in a range', '{range .Bicycle[*]}{ @ }{ " " }{end}', store, '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} '],
    ['the last element', '{.Book[-1:]}', store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ['an index after recursive descent', '{..Book[2]}', store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ['a filter on a bool', '{.Bicycle[?(@.IsNew==true)]}', store, '{"Color":"red","IsNew":true,"Price":19.95}'],
  ])('prints %s', (_name, template, data, want) => {
    expect(run(template, data)).toBe(want);
  });

  it.each([
    ['a missing field', '{.hello}', ''],
    ['a missing field between text', 'before-{.hello}after', 'before-after'],
  ])('prints nothing for %s when missing keys are allowed', (_name, template, want) => {
    expect(run(template, store, true)).toBe(want);
  });

  it.each([
    ['an unknown identifier', '{hello}', 'unrecognized identifier hello'],
    ['a missing field', '{.hello}', 'hello is not found'],
    ['indexing a map', '{.Labels[0]}', 'map[string]interface {} is not array or slice'],
    ['an unknown filter operator', '{.Book[?(@.Price<>10)]}', 'unrecognized filter operator <>'],
    ['an end without a range', '{range .Labels.*}{@}{end}{end}', 'not in range, nothing to end'],
    ['a recursive descent of many dots', '{............................................................Price}', 'invalid multiple recursive descent'],
  ])('fails on %s', (_name, template, message) => {
    expect(() => run(template, store)).toThrow(message);
  });
});

describe('executeJsonPath on JSON documents (TestJSONInput, TestKubernetes)', () => {
  const points = [
    { id: 'i1', x: 4, y: -5 },
    { id: 'i2', x: -2, y: -5, z: 1 },
    { id: 'i3', x: 8, y: 3 },
    { id: 'i4', x: -6, y: -1 },
    { id: 'i5', x: 0, y: 2, z: 1 },
    { id: 'i6', x: 1, y: 4 },
    { id: 'i7', x: null, y: 4 },
  ];
  it.each([
    ['an existence filter', '{[?(@.z)].id}', 'i2 i5'],
    ['a bracketed key', "{[0]['id']}", 'i1'],
    ['a null value', "{[-1]['x']}", 'null'],
  ])('prints %s', (_name, template, want) => {
    expect(run(template, points)).toBe(want);
  });

  const nodes = {
    kind: 'List',
    items: [
      {
        kind: 'None',
        metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
        status: { capacity: { cpu: '4' }, ready: true, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
      },
      {
        kind: 'None',
        metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
        status: {
          capacity: { cpu: '8' },
          ready: false,
          addresses: [
            { type: 'LegacyHostIP', address: '127.0.0.2' },
            { type: 'another', address: '127.0.0.3' },
          ],
        },
      },
    ],
    users: [
      { name: 'myself', user: {} },
      { name: 'e2e', user: { username: 'admin', password: 'secret' } },
    ],
  };
  it.each([
    ['a range followed by a field', '{range .items[*]}{.metadata.name}, {end}{.kind}', '127.0.0.1, 127.0.0.2, List'],
    ['a range with a quoted tab', '{range .items[*]}{.metadata.name}{"\\t"}{end}', '127.0.0.1\t127.0.0.2\t'],
    ['nested wildcards', '{.items[*].status.addresses[*].address}', '127.0.0.1 127.0.0.2 127.0.0.3'],
    ['a double range', '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}', '127.0.0.1, 127.0.0.2, 127.0.0.3, '],
    ['item names', '{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
    ['a union of bracketed paths', "{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['text around values in a range', '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['a filter on a string', '{.users[?(@.name=="e2e")].user.password}', 'secret'],
    ['an escaped dot in a key', '{.items[0].metadata.labels.kubernetes\\.io/hostname}', '127.0.0.1'],
    ['a filter on an escaped key', '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', 'None'],
    ['a filter through recursive descent', '{.items[?(@..ready==true)].metadata.name}', '127.0.0.1'],
    ['a recursive name, in key order', '{..name}', '127.0.0.1 127.0.0.2 myself e2e'],
  ])('prints %s', (_name, template, want) => {
    expect(run(template, nodes)).toBe(want);
  });
});

describe('ranges (TestEmptyRange, TestNestedRanges)', () => {
  it.each([
    ['an empty range', '{range .items[*]}{.metadata.name}{end}'],
    ['an empty nested range', '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}'],
  ])('prints nothing for %s', (_name, template) => {
    expect(run(template, { items: [] }, true)).toBe('');
  });

  const data = {
    items: [
      {
        metadata: { name: 'pod1' },
        spec: {
          containers: [
            { name: 'foo', another: [{ name: 'value1' }, { name: 'value2' }] },
            { name: 'bar', another: [{ name: 'value1' }, { name: 'value2' }] },
          ],
        },
      },
      { metadata: { name: 'pod2' }, spec: { containers: [{ name: 'baz', another: [{ name: 'value1' }, { name: 'value2' }] }] } },
    ],
  };
  it.each([
    [
      'a nested range with trailing text',
      '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}',
      'pod1:foo,bar,+pod2:baz,+',
    ],
    [
      'a range nested twice',
      '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
      'pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#',
    ],
    [
      'two nested ranges side by side',
      '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}',
      'pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n',
    ],
  ])('prints %s', (_name, template, want) => {
    expect(run(template, data)).toBe(want);
  });

  it('filters a range and skips items without the field (TestRunningPodsJSONPathOutput)', () => {
    const pods = {
      kind: 'List',
      items: [
        { kind: 'Pod', metadata: { name: 'pod1' }, status: { phase: 'Running' } },
        { kind: 'Pod', metadata: { name: 'pod2' }, status: { phase: 'Running' } },
        { kind: 'Pod', metadata: { name: 'pod3' }, status: { phase: 'Running' } },
        { resourceVersion: '' },
      ],
    };
    expect(run('{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', pods, true)).toBe(
      'pod1 is Running\npod2 is Running\npod3 is Running\n',
    );
  });
});

describe('filters on partly missing fields (TestFilterPartialMatchesSometimesMissingAnnotations)', () => {
  const data = {
    kind: 'List',
    items: [
      { kind: 'Pod', metadata: { name: 'pod1', annotations: { color: 'blue' } } },
      { kind: 'Pod', metadata: { name: 'pod2' } },
      { kind: 'Pod', metadata: { name: 'pod3', annotations: { color: 'green' } } },
      { kind: 'Pod', metadata: { name: 'pod4', annotations: { color: 'blue' } } },
    ],
  };
  const template = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';

  it('matches a subset when missing keys are allowed', () => {
    expect(run(template, data, true)).toBe('pod1 pod4');
  });

  it('fails when missing keys are not allowed', () => {
    expect(() => run(template, data, false)).toThrow('annotations is not found');
  });
});

describe('indexes and steps (TestNegativeIndex, TestStep)', () => {
  const pod = (n: number) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    spec: { containers: Array.from({ length: n }, (_, i) => ({ image: 'radial/busyboxplus:curl', name: `fake${i}` })) },
  });
  it.each([
    ['[0]', '{.spec.containers[0].name}', 'fake0'],
    ['[0:0], the empty set', '{.spec.containers[0:0].name}', ''],
    ['[0:-1]', '{.spec.containers[0:-1].name}', 'fake0 fake1 fake2'],
    ['[-1]', '{.spec.containers[-1].name}', 'fake3'],
    ['[-1:]', '{.spec.containers[-1:].name}', 'fake3'],
    ['[-2]', '{.spec.containers[-2].name}', 'fake2'],
    ['[-2:]', '{.spec.containers[-2:].name}', 'fake2 fake3'],
    ['[-3]', '{.spec.containers[-3].name}', 'fake1'],
    ['[-4]', '{.spec.containers[-4].name}', 'fake0'],
    ['[-4:]', '{.spec.containers[-4:].name}', 'fake0 fake1 fake2 fake3'],
    ['[5:5], the empty set', '{.spec.containers[5:5].name}', ''],
    ['[-5:-5], the empty set', '{.spec.containers[-5:-5].name}', ''],
  ])('selects %s of four containers', (_name, template, want) => {
    expect(run(template, pod(4))).toBe(want);
  });

  it.each([
    ['[-1:0]', '{.spec.containers[-1:0].name}', 'starting index 3 is greater than ending index 0'],
    ['[-5]', '{.spec.containers[-5].name}', 'array index out of bounds: index -1, length 4'],
    ['[3:1]', '{.spec.containers[3:1].name}', 'starting index 3 is greater than ending index 1'],
    ['[-1:-2]', '{.spec.containers[-1:-2].name}', 'starting index 3 is greater than ending index 2'],
    ['[5]', '{.spec.containers[5].name}', 'array index out of bounds: index 5, length 4'],
    ['[1:9]', '{.spec.containers[1:9].name}', 'array index out of bounds: index 8, length 4'],
  ])('rejects %s of four containers', (_name, template, message) => {
    expect(() => run(template, pod(4))).toThrow(message);
  });

  it.each([
    ['[0:]', '{.spec.containers[0:].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['[0:6:]', '{.spec.containers[0:6:].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['[0:6:1]', '{.spec.containers[0:6:1].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['[1:4:2]', '{.spec.containers[1:4:2].name}', 'fake1 fake3'],
    ['[1:4:3]', '{.spec.containers[1:4:3].name}', 'fake1'],
    ['[1:4:4]', '{.spec.containers[1:4:4].name}', 'fake1'],
    ['[0:6:2]', '{.spec.containers[0:6:2].name}', 'fake0 fake2 fake4'],
    ['[0:6:3]', '{.spec.containers[0:6:3].name}', 'fake0 fake3'],
    ['[0:6:5]', '{.spec.containers[0:6:5].name}', 'fake0 fake5'],
    ['[0:6:6]', '{.spec.containers[0:6:6].name}', 'fake0'],
  ])('steps through six containers with %s', (_name, template, want) => {
    expect(run(template, pod(6))).toBe(want);
  });

  it.each([
    ['a zero step', '{.spec.containers[0:6:0].name}'],
    ['a negative step', '{.spec.containers[0:6:-1].name}'],
  ])('rejects %s', (_name, template) => {
    expect(() => run(template, pod(6))).toThrow('step must be > 0');
  });

  it('reports an index into an empty list as kubectl does', () => {
    expect(() => run('{.items[0].metadata.name}', { items: [] })).toThrow('array index out of bounds: index 0, length 0');
  });
});

describe('Go value semantics', () => {
  it.each([
    ['a float with a fraction', { x: 1.5 }, '{.x}', '1.5'],
    ['a large integer', { x: 1000000 }, '{.x}', '1000000'],
    ['a small float in exponent form', { x: 0.00001 }, '{.x}', '1e-05'],
    ['a float literal', {}, '{1.0}', '1'],
    ['a bool literal', {}, '{false}', 'false'],
    ['the current object with HTML-safe escapes', { b: '<a&b>', a: 1 }, '{@}', '{"a":1,"b":"\\u003ca\\u0026b\\u003e"}'],
    ['nothing for {.}, which looks up the empty key', { a: 1 }, '{.}', ''],
    ['the bytes of a string', { name: 'ab' }, '{.name.*}', '97 98'],
    ['several top-level actions', { a: 'x', b: 'y' }, '{.a}-{.b}', 'x-y'],
    ['a filter comparing numbers', { items: [{ n: 1 }, { n: 5 }, { n: 10 }] }, '{.items[?(@.n>=5)].n}', '5 10'],
    ['a filter with not-equals', { items: [{ s: 'a' }, { s: 'b' }] }, "{.items[?(@.s!='a')].s}", 'b'],
  ])('prints %s', (_name, data, template, want) => {
    expect(run(template, data, true)).toBe(want);
  });

  it.each([
    ['a float and an int', { items: [{ n: 1.5 }] }, '{.items[?(@.n>1)].n}', 'incompatible types for comparison'],
    ['booleans by order', { items: [{ b: true }] }, '{.items[?(@.b<false)].b}', 'invalid type for comparison'],
    ['a filter on a map', { m: { a: 1 } }, '{.m[?(@.a)]}', 'map[a:1] is not array or slice and cannot be filtered'],
    ['a filter matching two values', { items: [{ a: [1, 2] }] }, '{.items[?(@.a[*]==1)]}', 'can only compare one element at a time'],
  ])('fails to compare %s', (_name, data, template, message) => {
    expect(() => run(template, data, true)).toThrow(message);
  });

  it.each([
    [0.1, '0.1'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [1e21, '1e+21'],
    [0.0001, '0.0001'],
    [-2.5e-7, '-2.5e-07'],
  ])('formats the float %d as Go\'s %%v', (n, want) => {
    expect(formatFloatG(n)).toBe(want);
  });

  it('formats maps and lists as Go\'s %v', () => {
    expect(formatGoValue({ b: [1, 'x'], a: null, c: { d: true } })).toBe('map[a:<nil> b:[1 x] c:map[d:true]]');
  });

  it('escapes strings as encoding/json does', () => {
    expect(goJsonString('a"b\\c\n\t\b\f\u0001\u2028<>&é😀')).toBe('"a\\"b\\\\c\\n\\t\\b\\f\\u0001\\u2028\\u003c\\u003e\\u0026é😀"');
  });

  it('indents JSON as MarshalIndent with four spaces', () => {
    expect(goJsonMarshal({ a: [1, {}], b: [] }, '    ')).toBe('{\n    "a": [\n        1,\n        {}\n    ],\n    "b": []\n}');
  });

  it('quotes as strconv.Quote', () => {
    expect(goQuote('{.a}\t"x"\u0007')).toBe('"{.a}\\t\\"x\\"\\a"');
  });
});

describe('relaxedJsonPath (kubectl RelaxedJSONPathExpression)', () => {
  it.each([
    ['a bare path', 'metadata.name', '{.metadata.name}'],
    ['a dotted path', '.metadata.name', '{.metadata.name}'],
    ['a braced path', '{metadata.name}', '{.metadata.name}'],
    ['a complete expression', '{.metadata.name}', '{.metadata.name}'],
    ['a wildcard path', '.items[*].metadata.name', '{.items[*].metadata.name}'],
    ['an empty expression', '', ''],
  ])('relaxes %s', (_name, input, want) => {
    expect(relaxedJsonPath(input)).toBe(want);
  });

  it('rejects two actions', () => {
    expect(() => relaxedJsonPath('{.a}{.b}')).toThrow(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  });
});

describe('printJsonPath (kubectl -o jsonpath)', () => {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { kind: 'Pod', metadata: { name: 'web-0' } },
      { kind: 'Pod', metadata: { name: 'web-1' } },
    ],
  };

  it('prints a range with newlines', () => {
    expect(printJsonPath('{range .items[*]}{.metadata.name}{"\\n"}{end}', list)).toBe('web-0\nweb-1\n');
  });

  it('prints a template without braces as plain text, since -o jsonpath is not relaxed', () => {
    expect(printJsonPath('.items[*].metadata.name', list)).toBe('.items[*].metadata.name');
  });

  it('ignores missing keys by default', () => {
    expect(printJsonPath('{.items[*].status.phase}', list)).toBe('');
  });

  it('prints jsonpath-as-json as an indented array per action', () => {
    expect(printJsonPath('{.items[*].metadata.name}', list, { outputJson: true })).toBe('[\n    "web-0",\n    "web-1"\n]\n');
  });

  it('reports a parse error as kubectl does', () => {
    expect(() => printJsonPath('{.x', list)).toThrow(new KubectlPrintError('error parsing jsonpath {.x, unclosed action'));
  });

  it('reports an execution error with the template and the object as kubectl does', () => {
    const data = { kind: 'List', items: [{ a: 1, s: 'x' }] };
    expect(() => printJsonPath('{.items[5]}', data)).toThrow(
      new KubectlPrintError(
        'error executing jsonpath "{.items[5]}": Error executing template: array index out of bounds: index 5, length 1. ' +
          'Printing more information for debugging the template:\n' +
          '\ttemplate was:\n\t\t{.items[5]}\n' +
          '\tobject given to jsonpath engine was:\n' +
          '\t\tmap[string]interface {}{"items":[]interface {}{map[string]interface {}{"a":1, "s":"x"}}, "kind":"List"}\n\n\n',
      ),
    );
  });

  it('reports a missing key when missing keys are not allowed', () => {
    expect(() => printJsonPath('{.nope}', {}, { allowMissingKeys: false })).toThrow(
      'error executing jsonpath "{.nope}": Error executing template: nope is not found.',
    );
  });
});
