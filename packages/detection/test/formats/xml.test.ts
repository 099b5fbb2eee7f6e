import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/formats/xml.js';

const parse = (s: string) => parseXml(s, 'E_VOC_FORMAT', 'doc');

describe('parseXml', () => {
  it('reads elements, attributes, entities, CDATA, comments, declarations and a BOM', () => {
    const root = parse(
      '\ufeff<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE a>\n<!-- c --><a k="1 &amp; 2" j=\'x\'><b>x &lt; y &#65;&#x42;</b><b/><![CDATA[<raw>&]]><c\n/></a>\n',
    );
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ k: '1 & 2', j: 'x' });
    expect(root.children.map((c) => c.path)).toEqual(['a/b[1]', 'a/b[2]', 'a/c']);
    expect(root.children[0].text).toBe('x < y AB');
    expect(root.text).toBe('<raw>&');
  });

  it.each([
    ['an unclosed element', '<a><b></b>', /line 1, a: <a> is never closed/],
    ['a mismatched closing tag', '<a>\n<b></c></a>', /line 2, a\/b: closing tag <\/c> does not match <b>/],
    ['an unknown entity', '<a>&nbsp;</a>', /unknown entity '&nbsp;'/],
    ['a bare ampersand', '<a>R&D</a>', /bare '&'/],
    ['an unquoted attribute', '<a k=1></a>', /needs a quoted value/],
    ['a second root', '<a/><b/>', /second root element <b>/],
    ['text outside the root', 'hello <a/>', /outside the root/],
    ['no root at all', '<!-- only a comment -->', /no root element/],
    ['an unterminated comment', '<a><!-- x</a>', /unterminated comment/],
    ['a DOCTYPE internal subset', '<!DOCTYPE a [<!ENTITY x "y">]><a/>', /internal subsets/],
  ])('throws E_VOC_FORMAT for %s', (_name, xml, message) => {
    expect(() => parse(xml)).toThrowError(expect.objectContaining({ code: 'E_VOC_FORMAT', message: expect.stringMatching(message) }));
  });
});
