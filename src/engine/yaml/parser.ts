// The YAML event parser, following go-yaml v2's parserc.go state by state, so that structural
// errors ("did not find expected key", "did not find expected '-' indicator"…) come out where and
// as go-yaml reports them.

import { YamlSyntaxError } from './errors.ts';
import { Scanner, Style, Tok } from './scanner.ts';
import type { ScalarStyle, Token } from './scanner.ts';
import type { Mark, Source } from './source.ts';

export const Ev = {
  StreamStart: 1,
  StreamEnd: 2,
  DocumentStart: 3,
  DocumentEnd: 4,
  Alias: 5,
  Scalar: 6,
  SequenceStart: 7,
  SequenceEnd: 8,
  MappingStart: 9,
  MappingEnd: 10,
} as const;
export type EvType = (typeof Ev)[keyof typeof Ev];

export interface YamlEvent {
  type: EvType;
  start: Mark;
  end: Mark;
  anchor: string;
  /** Fully resolved tag (`tag:yaml.org,2002:str`, `!custom`), or '' when none was written. */
  tag: string;
  value: string;
  /** For scalars, go-yaml's plain_implicit; for collections, whether the tag was omitted. */
  implicit: boolean;
  quotedImplicit: boolean;
  style: ScalarStyle | 0;
}

const State = {
  StreamStart: 0,
  ImplicitDocumentStart: 1,
  DocumentStart: 2,
  DocumentContent: 3,
  DocumentEnd: 4,
  BlockNode: 5,
  BlockNodeOrIndentlessSequence: 6,
  FlowNode: 7,
  BlockSequenceFirstEntry: 8,
  BlockSequenceEntry: 9,
  IndentlessSequenceEntry: 10,
  BlockMappingFirstKey: 11,
  BlockMappingKey: 12,
  BlockMappingValue: 13,
  FlowSequenceFirstEntry: 14,
  FlowSequenceEntry: 15,
  FlowSequenceEntryMappingKey: 16,
  FlowSequenceEntryMappingValue: 17,
  FlowSequenceEntryMappingEnd: 18,
  FlowMappingFirstKey: 19,
  FlowMappingKey: 20,
  FlowMappingValue: 21,
  FlowMappingEmptyValue: 22,
  End: 23,
} as const;
type State = (typeof State)[keyof typeof State];

interface TagDirective {
  handle: string;
  prefix: string;
}

const DEFAULT_TAG_DIRECTIVES: readonly TagDirective[] = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: 'tag:yaml.org,2002:' },
];

export class Parser {
  private readonly scanner: Scanner;
  readonly source: Source;
  private state: State = State.StreamStart;
  private states: State[] = [];
  private marks: Mark[] = [];
  private tagDirectives: TagDirective[] = [];
  private done = false;

  constructor(source: Source) {
    this.source = source;
    this.scanner = new Scanner(source);
  }

  /** The next event (valid until the following call); throws YamlSyntaxError on malformed input. */
  next(): YamlEvent {
    if (this.done) throw new Error('yaml parser: no events after the end of the stream');
    const ev = this.stateMachine();
    if (ev.type === Ev.StreamEnd) this.done = true;
    return ev;
  }

  private fail(problem: string, problemMark: Mark, context = '', contextMark?: Mark): never {
    const src = this.source;
    const contextAt = contextMark === undefined ? undefined : src.locate(contextMark);
    throw new YamlSyntaxError('parser', problem, src.locate(problemMark), context, contextAt);
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private popState(): void {
    this.state = this.states.pop() as State;
  }

  // One event object, refilled for every event: a reader copies what it needs before asking for
  // the next one, and big files produce millions of events.
  private readonly current: YamlEvent = {
    type: Ev.StreamStart,
    start: 0,
    end: 0,
    anchor: '',
    tag: '',
    value: '',
    implicit: false,
    quotedImplicit: false,
    style: 0,
  };

  private event(type: EvType, start: Mark, end: Mark): YamlEvent {
    const ev = this.current;
    ev.type = type;
    ev.start = start;
    ev.end = end;
    ev.anchor = '';
    ev.tag = '';
    ev.value = '';
    ev.implicit = false;
    ev.quotedImplicit = false;
    ev.style = 0;
    return ev;
  }

  private stateMachine(): YamlEvent {
    switch (this.state) {
      case State.StreamStart:
        return this.parseStreamStart();
      case State.ImplicitDocumentStart:
        return this.parseDocumentStart(true);
      case State.DocumentStart:
        return this.parseDocumentStart(false);
      case State.DocumentContent:
        return this.parseDocumentContent();
      case State.DocumentEnd:
        return this.parseDocumentEnd();
      case State.BlockNode:
        return this.parseNode(true, false);
      case State.BlockNodeOrIndentlessSequence:
        return this.parseNode(true, true);
      case State.FlowNode:
        return this.parseNode(false, false);
      case State.BlockSequenceFirstEntry:
        return this.parseBlockSequenceEntry(true);
      case State.BlockSequenceEntry:
        return this.parseBlockSequenceEntry(false);
      case State.IndentlessSequenceEntry:
        return this.parseIndentlessSequenceEntry();
      case State.BlockMappingFirstKey:
        return this.parseBlockMappingKey(true);
      case State.BlockMappingKey:
        return this.parseBlockMappingKey(false);
      case State.BlockMappingValue:
        return this.parseBlockMappingValue();
      case State.FlowSequenceFirstEntry:
        return this.parseFlowSequenceEntry(true);
      case State.FlowSequenceEntry:
        return this.parseFlowSequenceEntry(false);
      case State.FlowSequenceEntryMappingKey:
        return this.parseFlowSequenceEntryMappingKey();
      case State.FlowSequenceEntryMappingValue:
        return this.parseFlowSequenceEntryMappingValue();
      case State.FlowSequenceEntryMappingEnd:
        return this.parseFlowSequenceEntryMappingEnd();
      case State.FlowMappingFirstKey:
        return this.parseFlowMappingKey(true);
      case State.FlowMappingKey:
        return this.parseFlowMappingKey(false);
      case State.FlowMappingValue:
        return this.parseFlowMappingValue(false);
      case State.FlowMappingEmptyValue:
        return this.parseFlowMappingValue(true);
      default:
        throw new Error('yaml parser: no events after the end of the stream');
    }
  }

  private parseStreamStart(): YamlEvent {
    const token = this.peek();
    if (token.type !== Tok.StreamStart) this.fail('did not find expected <stream-start>', token.start);
    this.state = State.ImplicitDocumentStart;
    this.scanner.skip();
    return this.event(Ev.StreamStart, token.start, token.end);
  }

  private parseDocumentStart(implicit: boolean): YamlEvent {
    let token = this.peek();
    if (!implicit) {
      while (token.type === Tok.DocumentEnd) {
        this.scanner.skip();
        token = this.peek();
      }
    }
    if (
      implicit &&
      token.type !== Tok.VersionDirective &&
      token.type !== Tok.TagDirective &&
      token.type !== Tok.DocumentStart &&
      token.type !== Tok.StreamEnd
    ) {
      this.processDirectives();
      this.states.push(State.DocumentEnd);
      this.state = State.BlockNode;
      return this.event(Ev.DocumentStart, token.start, token.end);
    }
    if (token.type !== Tok.StreamEnd) {
      const start = token.start;
      this.processDirectives();
      token = this.peek();
      if (token.type !== Tok.DocumentStart) this.fail('did not find expected <document start>', token.start);
      this.states.push(State.DocumentEnd);
      this.state = State.DocumentContent;
      this.scanner.skip();
      return this.event(Ev.DocumentStart, start, token.end);
    }
    this.state = State.End;
    this.scanner.skip();
    return this.event(Ev.StreamEnd, token.start, token.end);
  }

  private parseDocumentContent(): YamlEvent {
    const token = this.peek();
    if (
      token.type === Tok.VersionDirective ||
      token.type === Tok.TagDirective ||
      token.type === Tok.DocumentStart ||
      token.type === Tok.DocumentEnd ||
      token.type === Tok.StreamEnd
    ) {
      this.popState();
      return this.emptyScalar(token.start);
    }
    return this.parseNode(true, false);
  }

  private parseDocumentEnd(): YamlEvent {
    const token = this.peek();
    const start = token.start;
    let end = token.start;
    if (token.type === Tok.DocumentEnd) {
      end = token.end;
      this.scanner.skip();
    }
    this.tagDirectives = [];
    this.state = State.DocumentStart;
    return this.event(Ev.DocumentEnd, start, end);
  }

  private parseNode(block: boolean, indentlessSequence: boolean): YamlEvent {
    let token = this.peek();
    if (token.type === Tok.Alias) {
      this.popState();
      const ev = this.event(Ev.Alias, token.start, token.end);
      ev.anchor = token.value;
      this.scanner.skip();
      return ev;
    }
    let start = token.start;
    let end = token.start;
    let hasTag = false;
    let tagHandle = '';
    let tagSuffix = '';
    let anchor = '';
    let tagMark = token.start;
    if (token.type === Tok.Anchor) {
      anchor = token.value;
      start = token.start;
      end = token.end;
      this.scanner.skip();
      token = this.peek();
      if (token.type === Tok.Tag) {
        hasTag = true;
        tagHandle = token.value;
        tagSuffix = token.suffix;
        tagMark = token.start;
        end = token.end;
        this.scanner.skip();
        token = this.peek();
      }
    } else if (token.type === Tok.Tag) {
      hasTag = true;
      tagHandle = token.value;
      tagSuffix = token.suffix;
      start = token.start;
      tagMark = token.start;
      end = token.end;
      this.scanner.skip();
      token = this.peek();
      if (token.type === Tok.Anchor) {
        anchor = token.value;
        end = token.end;
        this.scanner.skip();
        token = this.peek();
      }
    }

    let tag = '';
    if (hasTag) {
      if (tagHandle === '') {
        tag = tagSuffix;
      } else {
        const directive = this.tagDirectives.find((d) => d.handle === tagHandle);
        if (directive) tag = directive.prefix + tagSuffix;
        if (tag === '') this.fail('found undefined tag handle', tagMark, 'while parsing a node', start);
      }
    }
    const implicit = tag === '';

    if (indentlessSequence && token.type === Tok.BlockEntry) {
      return this.collectionStart(Ev.SequenceStart, State.IndentlessSequenceEntry, start, token.end, anchor, tag);
    }
    if (token.type === Tok.Scalar) {
      let plainImplicit = false;
      let quotedImplicit = false;
      if ((tag === '' && token.style === Style.Plain) || tag === '!') plainImplicit = true;
      else if (tag === '') quotedImplicit = true;
      this.popState();
      const ev = this.event(Ev.Scalar, start, token.end);
      ev.anchor = anchor;
      ev.tag = tag;
      ev.value = token.value;
      ev.implicit = plainImplicit;
      ev.quotedImplicit = quotedImplicit;
      ev.style = token.style;
      this.scanner.skip();
      return ev;
    }
    if (token.type === Tok.FlowSequenceStart) {
      return this.collectionStart(Ev.SequenceStart, State.FlowSequenceFirstEntry, start, token.end, anchor, tag);
    }
    if (token.type === Tok.FlowMappingStart) {
      return this.collectionStart(Ev.MappingStart, State.FlowMappingFirstKey, start, token.end, anchor, tag);
    }
    if (block && token.type === Tok.BlockSequenceStart) {
      return this.collectionStart(Ev.SequenceStart, State.BlockSequenceFirstEntry, start, token.end, anchor, tag);
    }
    if (block && token.type === Tok.BlockMappingStart) {
      return this.collectionStart(Ev.MappingStart, State.BlockMappingFirstKey, start, token.end, anchor, tag);
    }
    if (anchor !== '' || tag !== '') {
      this.popState();
      const ev = this.event(Ev.Scalar, start, end);
      ev.anchor = anchor;
      ev.tag = tag;
      ev.implicit = implicit;
      ev.style = Style.Plain;
      return ev;
    }
    this.fail(
      'did not find expected node content',
      token.start,
      block ? 'while parsing a block node' : 'while parsing a flow node',
      start,
    );
  }

  private collectionStart(type: EvType, next: State, start: Mark, end: Mark, anchor: string, tag: string): YamlEvent {
    this.state = next;
    const ev = this.event(type, start, end);
    ev.anchor = anchor;
    ev.tag = tag;
    ev.implicit = tag === '';
    return ev;
  }

  private parseBlockSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.scanner.skip();
    }
    let token = this.peek();
    if (token.type === Tok.BlockEntry) {
      const mark = token.end;
      this.scanner.skip();
      token = this.peek();
      if (token.type !== Tok.BlockEntry && token.type !== Tok.BlockEnd) {
        this.states.push(State.BlockSequenceEntry);
        return this.parseNode(true, false);
      }
      this.state = State.BlockSequenceEntry;
      return this.emptyScalar(mark);
    }
    if (token.type === Tok.BlockEnd) {
      this.popState();
      this.marks.pop();
      this.scanner.skip();
      return this.event(Ev.SequenceEnd, token.start, token.end);
    }
    const contextMark = this.marks.pop() as Mark;
    this.fail("did not find expected '-' indicator", token.start, 'while parsing a block collection', contextMark);
  }

  private parseIndentlessSequenceEntry(): YamlEvent {
    let token = this.peek();
    if (token.type === Tok.BlockEntry) {
      const mark = token.end;
      this.scanner.skip();
      token = this.peek();
      if (
        token.type !== Tok.BlockEntry &&
        token.type !== Tok.Key &&
        token.type !== Tok.Value &&
        token.type !== Tok.BlockEnd
      ) {
        this.states.push(State.IndentlessSequenceEntry);
        return this.parseNode(true, false);
      }
      this.state = State.IndentlessSequenceEntry;
      return this.emptyScalar(mark);
    }
    this.popState();
    return this.event(Ev.SequenceEnd, token.start, token.start);
  }

  private parseBlockMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.scanner.skip();
    }
    let token = this.peek();
    if (token.type === Tok.Key) {
      const mark = token.end;
      this.scanner.skip();
      token = this.peek();
      if (token.type !== Tok.Key && token.type !== Tok.Value && token.type !== Tok.BlockEnd) {
        this.states.push(State.BlockMappingValue);
        return this.parseNode(true, true);
      }
      this.state = State.BlockMappingValue;
      return this.emptyScalar(mark);
    }
    if (token.type === Tok.BlockEnd) {
      this.popState();
      this.marks.pop();
      this.scanner.skip();
      return this.event(Ev.MappingEnd, token.start, token.end);
    }
    const contextMark = this.marks.pop() as Mark;
    this.fail('did not find expected key', token.start, 'while parsing a block mapping', contextMark);
  }

  private parseBlockMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === Tok.Value) {
      const mark = token.end;
      this.scanner.skip();
      token = this.peek();
      if (token.type !== Tok.Key && token.type !== Tok.Value && token.type !== Tok.BlockEnd) {
        this.states.push(State.BlockMappingKey);
        return this.parseNode(true, true);
      }
      this.state = State.BlockMappingKey;
      return this.emptyScalar(mark);
    }
    this.state = State.BlockMappingKey;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.scanner.skip();
    }
    let token = this.peek();
    if (token.type !== Tok.FlowSequenceEnd) {
      if (!first) {
        if (token.type === Tok.FlowEntry) {
          this.scanner.skip();
          token = this.peek();
        } else {
          const contextMark = this.marks.pop() as Mark;
          this.fail("did not find expected ',' or ']'", token.start, 'while parsing a flow sequence', contextMark);
        }
      }
      if (token.type === Tok.Key) {
        this.state = State.FlowSequenceEntryMappingKey;
        const ev = this.event(Ev.MappingStart, token.start, token.end);
        ev.implicit = true;
        this.scanner.skip();
        return ev;
      }
      if (token.type !== Tok.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntry);
        return this.parseNode(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.scanner.skip();
    return this.event(Ev.SequenceEnd, token.start, token.end);
  }

  private parseFlowSequenceEntryMappingKey(): YamlEvent {
    const token = this.peek();
    if (token.type !== Tok.Value && token.type !== Tok.FlowEntry && token.type !== Tok.FlowSequenceEnd) {
      this.states.push(State.FlowSequenceEntryMappingValue);
      return this.parseNode(false, false);
    }
    const mark = token.end;
    this.scanner.skip();
    this.state = State.FlowSequenceEntryMappingValue;
    return this.emptyScalar(mark);
  }

  private parseFlowSequenceEntryMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === Tok.Value) {
      this.scanner.skip();
      token = this.peek();
      if (token.type !== Tok.FlowEntry && token.type !== Tok.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntryMappingEnd);
        return this.parseNode(false, false);
      }
    }
    this.state = State.FlowSequenceEntryMappingEnd;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntryMappingEnd(): YamlEvent {
    const token = this.peek();
    this.state = State.FlowSequenceEntry;
    return this.event(Ev.MappingEnd, token.start, token.start);
  }

  private parseFlowMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.scanner.skip();
    }
    let token = this.peek();
    if (token.type !== Tok.FlowMappingEnd) {
      if (!first) {
        if (token.type === Tok.FlowEntry) {
          this.scanner.skip();
          token = this.peek();
        } else {
          const contextMark = this.marks.pop() as Mark;
          this.fail("did not find expected ',' or '}'", token.start, 'while parsing a flow mapping', contextMark);
        }
      }
      if (token.type === Tok.Key) {
        this.scanner.skip();
        token = this.peek();
        if (token.type !== Tok.Value && token.type !== Tok.FlowEntry && token.type !== Tok.FlowMappingEnd) {
          this.states.push(State.FlowMappingValue);
          return this.parseNode(false, false);
        }
        this.state = State.FlowMappingValue;
        return this.emptyScalar(token.start);
      }
      if (token.type !== Tok.FlowMappingEnd) {
        this.states.push(State.FlowMappingEmptyValue);
        return this.parseNode(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.scanner.skip();
    return this.event(Ev.MappingEnd, token.start, token.end);
  }

  private parseFlowMappingValue(empty: boolean): YamlEvent {
    let token = this.peek();
    if (empty) {
      this.state = State.FlowMappingKey;
      return this.emptyScalar(token.start);
    }
    if (token.type === Tok.Value) {
      this.scanner.skip();
      token = this.peek();
      if (token.type !== Tok.FlowEntry && token.type !== Tok.FlowMappingEnd) {
        this.states.push(State.FlowMappingKey);
        return this.parseNode(false, false);
      }
    }
    this.state = State.FlowMappingKey;
    return this.emptyScalar(token.start);
  }

  private emptyScalar(mark: Mark): YamlEvent {
    const ev = this.event(Ev.Scalar, mark, mark);
    ev.implicit = true;
    ev.style = Style.Plain;
    return ev;
  }

  private processDirectives(): void {
    let versionSeen = false;
    let token = this.peek();
    while (token.type === Tok.VersionDirective || token.type === Tok.TagDirective) {
      if (token.type === Tok.VersionDirective) {
        if (versionSeen) this.fail('found duplicate %YAML directive', token.start);
        if (token.major !== 1 || token.minor !== 1) this.fail('found incompatible YAML document', token.start);
        versionSeen = true;
      } else {
        this.appendTagDirective({ handle: token.value, prefix: token.suffix }, false, token.start);
      }
      this.scanner.skip();
      token = this.peek();
    }
    for (const d of DEFAULT_TAG_DIRECTIVES) this.appendTagDirective(d, true, token.start);
  }

  private appendTagDirective(value: TagDirective, allowDuplicates: boolean, mark: Mark): void {
    if (this.tagDirectives.some((d) => d.handle === value.handle)) {
      if (allowDuplicates) return;
      this.fail('found duplicate %TAG directive', mark);
    }
    this.tagDirectives.push({ ...value });
  }
}
