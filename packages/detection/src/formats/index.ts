export { parseYoloLabels, formatYoloLabels } from './yolo.js';
export type { FormatYoloLabelsOptions } from './yolo.js';
export { parseVocXml, formatVocXml, vocGroundTruth } from './voc-xml.js';
export type { FormatVocXmlOptions, VocAnnotation, VocObject } from './voc-xml.js';
export { toCocoJson } from './coco-json.js';
export type { ToCocoJsonOptions } from './coco-json.js';
