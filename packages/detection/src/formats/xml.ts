import { FoveaError, type FoveaErrorCode } from '@fovea/core';

/** One element of a parsed XML document. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (child elements' text excluded), entities decoded, not trimmed. */
  text: string;
  /** Where the element sits, XPath style, 1-based indices where a name repeats: `annotation/object[2]/bndbox`. */
  path: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

/**
 * A small, strict XML parser for annotation files (the subset Pascal VOC, labelImg and CVAT write):
 * elements, attributes, text, the five named entities and numeric character references, CDATA,
 * comments, processing instructions and a DOCTYPE without an internal subset. Namespaces are kept
 * as part of names; no external entities are ever resolved.
 *
 * @param code The error code to throw (the caller's format, e.g. `E_VOC_FORMAT`).
 * @throws FoveaError `code` with the line, the element path and what was expected, for unclosed or
 *   mismatched tags, bad attributes, unknown entities, text outside the root or a second root.
 */
export function parseXml(xml: string, code: FoveaErrorCode, source = 'xml'): XmlElement {
  if (typeof xml !== 'string') throw new FoveaError(code, `${source} is ${typeof xml}; pass the XML text as a string.`);
  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: XmlElement[] = [];
  const counts: Map<string, number>[] = [new Map()];
  let root: XmlElement | undefined;

  const fail = (message: string): never => {
    const line = xml.slice(0, pos).split('\n').length;
    const where = stack.length > 0 ? stack[stack.length - 1].path : root ? `after <${root.name}>` : 'document';
    throw new FoveaError(code, `${source} line ${line}, ${where}: ${message}`);
  };
  const skipTo = (end: string, what: string): void => {
    const i = xml.indexOf(end, pos);
    if (i < 0) fail(`unterminated ${what}; close it with '${end}'.`);
    pos = i + end.length;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (m, body: string) => {
      if (!m.endsWith(';')) fail(`bare '&' in '${raw.trim().slice(0, 40)}'; write it as &amp;.`);
      if (body.startsWith('#')) {
        const n = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        if (!Number.isInteger(n) || n < 0 || n > 0x10ffff || !/^#(x[0-9a-f]+|[0-9]+)$/i.test(body)) fail(`bad character reference '${m}'.`);
        return String.fromCodePoint(n);
      }
      const v = ENTITIES[body];
      if (v === undefined) fail(`unknown entity '${m}'; only &lt; &gt; &amp; &quot; &apos; and &#...; are defined.`);
      return v;
    });
  const addText = (t: string): void => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
    else if (t.trim() !== '') fail(`text '${t.trim().slice(0, 40)}' outside the root element.`);
  };

  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      addText(decode(xml.slice(pos)));
      break;
    }
    if (lt > pos) addText(decode(xml.slice(pos, lt)));
    pos = lt;
    if (xml.startsWith('<!--', pos)) skipTo('-->', 'comment');
    else if (xml.startsWith('<![CDATA[', pos)) {
      const end = xml.indexOf(']]>', pos);
      if (end < 0) fail("unterminated CDATA section; close it with ']]>'.");
      addText(xml.slice(pos + 9, end));
      pos = end + 3;
    } else if (xml.startsWith('<?', pos)) skipTo('?>', 'processing instruction');
    else if (xml.startsWith('<!', pos)) {
      if (xml.indexOf('[', pos) >= 0 && xml.indexOf('[', pos) < xml.indexOf('>', pos)) fail('DOCTYPE internal subsets are not supported.');
      skipTo('>', 'declaration');
    } else if (xml[pos + 1] === '/') {
      const m = NAME.exec(xml.slice(pos + 2));
      const name = m?.[0] ?? '';
      const open = stack[stack.length - 1];
      if (!open) fail(`closing tag </${name}> without an open element.`);
      if (name !== open.name) fail(`closing tag </${name}> does not match <${open.name}>.`);
      pos += 2 + name.length;
      while (/\s/.test(xml[pos] ?? '')) pos++;
      if (xml[pos] !== '>') fail(`expected '>' to end </${name}>.`);
      pos++;
      stack.pop();
      counts.pop();
    } else {
      pos++;
      const m = NAME.exec(xml.slice(pos));
      if (!m) fail(`'<' not followed by an element name; write a literal '<' as &lt;.`);
      const name = m![0];
      pos += name.length;
      const attributes: Record<string, string> = {};
      for (;;) {
        const ws = /^\s*/.exec(xml.slice(pos))![0].length;
        pos += ws;
        if (xml.startsWith('/>', pos) || xml[pos] === '>') break;
        if (pos >= xml.length) fail(`unterminated tag <${name}>.`);
        const a = NAME.exec(xml.slice(pos));
        if (!a || ws === 0) fail(`malformed attribute in <${name}>.`);
        pos += a![0].length;
        const eq = /^\s*=\s*(["'])/.exec(xml.slice(pos));
        if (!eq) fail(`attribute ${a![0]} of <${name}> needs a quoted value.`);
        pos += eq![0].length;
        const end = xml.indexOf(eq![1], pos);
        if (end < 0) fail(`unterminated value of attribute ${a![0]} in <${name}>.`);
        attributes[a![0]] = decode(xml.slice(pos, end));
        pos = end + 1;
      }
      const selfClosing = xml[pos] === '/';
      pos += selfClosing ? 2 : 1;
      const siblings = counts[counts.length - 1];
      const n = (siblings.get(name) ?? 0) + 1;
      siblings.set(name, n);
      const parent = stack[stack.length - 1];
      if (!parent && root) fail(`a second root element <${name}>; a document has exactly one.`);
      const seg = n > 1 || !parent ? `${name}${n > 1 ? `[${n}]` : ''}` : name;
      const el: XmlElement = { name, attributes, children: [], text: '', path: parent ? `${parent.path}/${seg}` : seg };
      if (parent) parent.children.push(el);
      else root = el;
      if (!selfClosing) {
        stack.push(el);
        counts.push(new Map());
      }
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is never closed.`);
  if (!root) throw new FoveaError(code, `${source} has no root element; pass an XML document.`);
  finalPaths(root);
  return root;
}

// While streaming, the first of several same-named siblings cannot know it will need an index;
// once the tree is complete every repeated name gets one: object[1], object[2], ...
function finalPaths(el: XmlElement): void {
  const total = new Map<string, number>();
  for (const c of el.children) total.set(c.name, (total.get(c.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const c of el.children) {
    const k = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, k);
    c.path = `${el.path}/${c.name}${total.get(c.name)! > 1 ? `[${k}]` : ''}`;
    finalPaths(c);
  }
}

/** Escapes text for an XML element or attribute value. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}
