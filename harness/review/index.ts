export { buildReviewPack } from './build-review-pack.ts';
export type { ReviewPack, ReviewPackOptions } from './build-review-pack.ts';
export { findNeedle } from './find-needle.ts';
export { selectProduct } from './select-product.ts';
export type { ProductSlice } from './select-product.ts';
export { writeZip } from './write-zip.ts';
