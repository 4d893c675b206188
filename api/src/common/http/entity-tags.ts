/**
 * The entity-tag lists of If-Match and If-None-Match (RFC 9110 §8.8.3, §13.1.1-2): `*`, or a
 * comma-separated list of `"opaque"` / `W/"opaque"`, empty list elements allowed. Written here
 * because no kept library parses these lists for a server (`fresh` only answers "is this GET
 * fresh", and only with weak comparison); the grammar is small and the tests cover it.
 */
export interface EntityTag {
  weak: boolean;
  /** What is between the quotes. */
  opaque: string;
}

export type EntityTagCondition = { any: true } | { any: false; tags: EntityTag[] };

/** Longer lists are refused: a client has no reason to send many tags for one task. */
export const ENTITY_TAG_LIMITS = { tagsMax: 32, headerMax: 2048 } as const;

// etagc = %x21 / %x23-7E / obs-text (%x80-FF)
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/** The parsed header, or a message saying why it is not an entity-tag list. */
export function parseEntityTagList(header: string): EntityTagCondition | { error: string } {
  if (header.length > ENTITY_TAG_LIMITS.headerMax) {
    return { error: `must be at most ${ENTITY_TAG_LIMITS.headerMax} characters` };
  }
  const trimmed = header.trim();
  if (trimmed === '*') return { any: true };
  const tags: EntityTag[] = [];
  for (const element of trimmed.split(',')) {
    const candidate = element.trim();
    if (candidate === '') continue;
    const match = ENTITY_TAG.exec(candidate);
    if (!match) return { error: 'must be * or a list of entity tags such as "3" or W/"3"' };
    tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  if (tags.length === 0) return { error: 'must be * or a list of entity tags such as "3" or W/"3"' };
  if (tags.length > ENTITY_TAG_LIMITS.tagsMax) {
    return { error: `must list at most ${ENTITY_TAG_LIMITS.tagsMax} entity tags` };
  }
  return { any: false, tags };
}

/** Weak comparison (If-None-Match): the opaque parts are equal, whatever the W/ prefixes. */
export function weakMatches(tag: EntityTag, current: EntityTag): boolean {
  return tag.opaque === current.opaque;
}
