import type { Pictures } from "./proposal-content";

/** The pictures as a page receives them: the SVG only, since the PNG exists for the Word document. */
export type PagePictures = Partial<Record<keyof Pictures, { svg: string; width: number; height: number }>>;

export function forPage(pictures: Pictures): PagePictures {
  return Object.fromEntries(Object.entries(pictures).map(([k, p]) => [k, { svg: p!.svg, width: p!.width, height: p!.height }]));
}

export function forDocument(pictures: PagePictures): Pictures {
  return Object.fromEntries(Object.entries(pictures).map(([k, p]) => [k, { ...p!, png: new Uint8Array() }])) as Pictures;
}
