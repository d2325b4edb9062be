/*
 * The versions whose pictures are being drawn after start-up (a new database's demo versions, or
 * versions frozen while no browser could draw them). Their documents wait for the pictures: made
 * before them, a document would tell its reader that its diagrams could not be drawn, when they are
 * simply not drawn yet. A download in the meantime is told that the document is still being made.
 */
const drawing = new Set<number>();

/** Whether the version's pictures are still to be drawn by the start-up work. */
export function picturesBeingDrawn(versionId: number): boolean {
  return drawing.has(versionId);
}

/** Marks the versions whose pictures the start-up work is about to draw. */
export function markPicturesToDraw(versionIds: number[]): void {
  for (const id of versionIds) drawing.add(id);
}

/** The version's pictures are drawn, or will not be: its documents may be made. */
export function picturesSettled(versionId: number): void {
  drawing.delete(versionId);
}

/** No more pictures will be drawn by the start-up work (it has stopped): every waiting version's documents may be made. */
export function allPicturesSettled(): void {
  drawing.clear();
}
