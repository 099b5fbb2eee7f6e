/**
 * Fovea's own 5x8 bitmap font for printable ASCII (0x20-0x7e), so text can be drawn in Node,
 * which has no canvas. Capitals and digits are 7 rows tall (rows 0-6); row 7 holds descenders.
 *
 * Each glyph is 16 hex digits: 8 rows top to bottom, one byte per row, bit 4 the leftmost of
 * the 5 columns. Characters outside the table are drawn as `?`.
 */
const GLYPHS: readonly string[] = [
  '0000000000000000', '0404040404000400', '0a0a000000000000', '0a0a1f0a1f0a0a00', // space ! " #
  '040f140e051e0400', '1819020408130300', '0c12140815120d00', '0404000000000000', // $ % & '
  '0204080808040200', '0804020202040800', '0004150e15040000', '0004041f04040000', // ( ) * +
  '00000000000c0408', '0000001f00000000', '00000000000c0c00', '0001020408100000', // , - . /
  '0e11131519110e00', '040c040404040e00', '0e11010204081f00', '1f02040201110e00', // 0 1 2 3
  '02060a121f020200', '1f101e0101110e00', '0608101e11110e00', '1f01020408080800', // 4 5 6 7
  '0e11110e11110e00', '0e11110f01020c00', '000c0c000c0c0000', '000c0c000c040800', // 8 9 : ;
  '0204081008040200', '00001f001f000000', '0804020102040800', '0e11010204000400', // < = > ?
  '0e11010d15150e00', '0e11111f11111100', '1e11111e11111e00', '0e11101010110e00', // @ A B C
  '1c12111111121c00', '1f10101e10101f00', '1f10101e10101000', '0e11101711110f00', // D E F G
  '1111111f11111100', '0e04040404040e00', '0702020202120c00', '1112141814121100', // H I J K
  '1010101010101f00', '111b151511111100', '1111191513111100', '0e11111111110e00', // L M N O
  '1e11111e10101000', '0e11111115120d00', '1e11111e14121100', '0f10100e01011e00', // P Q R S
  '1f04040404040400', '1111111111110e00', '11111111110a0400', '1111111515150a00', // T U V W
  '11110a040a111100', '11110a0404040400', '1f01020408101f00', '0e08080808080e00', // X Y Z [
  '0010080402010000', '0e02020202020e00', '040a110000000000', '000000000000001f', // \ ] ^ _
  '0804000000000000', '00000e010f110f00', '1010161911111e00', '00000e1010110e00', // ` a b c
  '01010d1311110f00', '00000e111f100e00', '0609081c08080800', '00000f11110f010e', // d e f g
  '1010161911111100', '04000c0404040e00', '020006020202120c', '1010121418141200', // h i j k
  '0c04040404040e00', '00001a1515111100', '0000161911111100', '00000e1111110e00', // l m n o
  '00001e11111e1010', '00000f11110f0101', '0000161910101000', '00000f100e011e00', // p q r s
  '08081c0808090600', '0000111111130d00', '00001111110a0400', '0000111115150a00', // t u v w
  '0000110a040a1100', '00001111110f010e', '00001f0204081f00', '0204040804040200', // x y z {
  '0404040404040400', '0804040204040800', '0000081502000000', // | } ~
];

/** Glyph width and height in font pixels; a character advances `GLYPH_WIDTH + 1`. */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 8;

const ROWS = GLYPHS.map((hex) => Uint8Array.from({ length: GLYPH_HEIGHT }, (_, r) => parseInt(hex.slice(2 * r, 2 * r + 2), 16)));
const FALLBACK = ROWS['?'.charCodeAt(0) - 32];

/** The 8 row bitmasks of `char` (bit 4 = leftmost column); `?` for characters without a glyph. */
export function glyph(char: string): Uint8Array {
  return ROWS[char.charCodeAt(0) - 32] ?? FALLBACK;
}

/** Width in image pixels of `text` drawn at integer `scale`: characters 1 font pixel apart, no trailing gap. */
export function textWidth(text: string, scale: number): number {
  const n = [...text].length;
  return n === 0 ? 0 : (n * (GLYPH_WIDTH + 1) - 1) * scale;
}
