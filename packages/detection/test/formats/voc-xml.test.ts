import { describe, expect, it } from 'vitest';
import { formatVocXml, parseVocXml, vocGroundTruth } from '../../src/formats/index.js';
import type { VocAnnotation } from '../../src/formats/index.js';

// The shape of VOC2007 Annotations/000001.xml (values made up), with the elements parsers must skip.
const VOC = `<annotation>
	<folder>VOC2007</folder>
	<filename>000001.jpg</filename>
	<source>
		<database>The VOC2007 Database</database>
		<annotation>PASCAL VOC2007</annotation>
	</source>
	<owner><flickrid>someone</flickrid></owner>
	<size>
		<width>353</width>
		<height>500</height>
		<depth>3</depth>
	</size>
	<segmented>0</segmented>
	<object>
		<name>dog</name>
		<pose>Left</pose>
		<truncated>1</truncated>
		<difficult>0</difficult>
		<bndbox>
			<xmin>48</xmin>
			<ymin>240</ymin>
			<xmax>195</xmax>
			<ymax>371</ymax>
		</bndbox>
	</object>
	<object>
		<name>person</name>
		<pose>Left</pose>
		<truncated>1</truncated>
		<difficult>1</difficult>
		<bndbox>
			<xmin>8</xmin>
			<ymin>12</ymin>
			<xmax>352</xmax>
			<ymax>498</ymax>
		</bndbox>
		<part>
			<name>head</name>
			<bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox>
		</part>
	</object>
</annotation>
`;

describe('parseVocXml / formatVocXml', () => {
  it('reads a VOC annotation, skipping source, owner and parts', () => {
    expect(parseVocXml(VOC)).toEqual({
      folder: 'VOC2007',
      filename: '000001.jpg',
      size: { width: 353, height: 500, depth: 3 },
      segmented: false,
      objects: [
        { name: 'dog', pose: 'Left', truncated: true, difficult: false, bbox: [48, 240, 195, 371] },
        { name: 'person', pose: 'Left', truncated: true, difficult: true, bbox: [8, 12, 352, 498] },
      ],
    });
  });

  it('writes what it reads (round trip, both directions)', () => {
    const a = parseVocXml(VOC);
    const text = formatVocXml(a);
    expect(parseVocXml(text)).toEqual(a);
    expect(formatVocXml(parseVocXml(text))).toBe(text);
  });

  it.each<[string, VocAnnotation]>([
    ['no objects, no optional fields', { filename: 'a.png', size: { width: 4, height: 3 }, objects: [] }],
    [
      'escaped text, fractional boxes, occluded',
      {
        filename: 'R&D <1>.jpg',
        size: { width: 10, height: 10, depth: 1 },
        objects: [{ name: 'a"b', bbox: [0.5, 1, 2.25, 3], difficult: false, truncated: false, occluded: true }],
      },
    ],
  ])('round-trips %s', (_name, a) => {
    expect(parseVocXml(formatVocXml(a, { indent: '  ' }))).toEqual(a);
  });

  it('gives vocEval ground truth', () => {
    expect(vocGroundTruth(parseVocXml(VOC), ['cat', 'dog', 'person'])).toEqual({
      boxes: [[48, 240, 195, 371], [8, 12, 352, 498]],
      classIds: [1, 2],
      difficult: [false, true],
    });
    expect(() => vocGroundTruth(parseVocXml(VOC), ['dog'])).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });

  const edit = (from: string, to: string) => VOC.replace(from, to);
  it.each([
    ['malformed XML', edit('</size>', '</sise>'), 'annotation/size: closing tag </sise>'],
    ['another root', '<doc><filename>x</filename></doc>', 'doc is the root element'],
    ['no filename', edit('<filename>000001.jpg</filename>', ''), 'annotation/filename is missing'],
    ['no size', VOC.replace(/<size>[\s\S]*<\/size>/, ''), 'annotation/size is missing'],
    ['a non-integer width', edit('<width>353</width>', '<width>35.3</width>'), 'annotation/size/width is \'35.3\''],
    ['no name', edit('<name>dog</name>', ''), 'annotation/object[1]/name is missing'],
    ['no bndbox', VOC.replace(/<bndbox>\s*<xmin>48[\s\S]*?<\/bndbox>/, ''), 'annotation/object[1]/bndbox is missing'],
    ['a missing coordinate', edit('<ymax>498</ymax>', ''), 'annotation/object[2]/bndbox/ymax is missing'],
    ['a non-numeric coordinate', edit('<xmax>195</xmax>', '<xmax>19x5</xmax>'), "annotation/object[1]/bndbox/xmax is '19x5'"],
    ['an empty coordinate', edit('<xmin>8</xmin>', '<xmin> </xmin>'), "annotation/object[2]/bndbox/xmin is ''"],
    ['xmax < xmin', edit('<xmax>195</xmax>', '<xmax>40</xmax>'), 'annotation/object[1]/bndbox/xmax is 40, less than xmin 48'],
    ['ymax < ymin', edit('<ymax>371</ymax>', '<ymax>1</ymax>'), 'annotation/object[1]/bndbox/ymax is 1'],
    ['a bad difficult flag', edit('<difficult>1</difficult>', '<difficult>yes</difficult>'), "annotation/object[2]/difficult is 'yes'"],
    ['an element where text belongs', edit('<name>dog</name>', '<name><b>dog</b></name>'), 'annotation/object[1]/name holds elements'],
  ])('throws E_VOC_FORMAT for %s, naming the element', (_name, xml, message) => {
    expect(() => parseVocXml(xml)).toThrowError(expect.objectContaining({ code: 'E_VOC_FORMAT', message: expect.stringContaining(message) }));
  });
});
