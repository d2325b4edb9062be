/**
 * A person's name as the pages state an engagement's owner or co-owner (docs/domain.md §9.15): a
 * disabled one says so, as they can no longer sign in to move it forward.
 */
export function ownerName(p: { name: string; disabled: boolean }): string {
  return p.disabled ? `${p.name} (disabled)` : p.name;
}
