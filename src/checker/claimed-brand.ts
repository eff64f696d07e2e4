/**
 * Which brand the message claims to come from. Evidence is weighed: the sender and subject count
 * most, a brand in 【】 at the start next, plain mentions least. Links and numbers that really
 * belong to a brand count only weakly and are remembered separately, so that adding an official
 * link never turns an otherwise harmless message into an impersonation by itself.
 */
import { findAliases, foldForMatch, type RegistryIndex } from '../registry/index.ts';

export interface BrandEvidence {
  brandId: string;
  weight: number;
  /** Evidence other than official links or numbers (text, sender, lookalike domains). */
  claimed: boolean;
}

export interface ClaimedBrand {
  brandId: string | null;
  /** True when the message itself claims the brand (not only through an official link/number). */
  claimed: boolean;
}

export function brandMentions(index: RegistryIndex, text: string, weight: number): BrandEvidence[] {
  const folded = foldForMatch(text);
  return findAliases(index, folded).map((hit) => {
    const head = hit.index < 40;
    const bracketed = /[【[［(（]\s*$/.test(folded.slice(Math.max(0, hit.index - 3), hit.index));
    return { brandId: hit.brandId, weight: weight + (head ? 1 : 0) + (bracketed ? 2 : 0), claimed: true };
  });
}

/** Sums evidence per brand; group members (docomo/ahamo …) support each other a little. */
export function pickBrand(index: RegistryIndex, evidence: BrandEvidence[]): ClaimedBrand {
  if (evidence.length === 0) return { brandId: null, claimed: false };
  const score = new Map<string, { w: number; claimed: boolean; first: number }>();
  evidence.forEach((e, i) => {
    const s = score.get(e.brandId) ?? { w: 0, claimed: false, first: i };
    s.w += e.weight;
    s.claimed ||= e.claimed;
    score.set(e.brandId, s);
  });
  let best: [string, { w: number; claimed: boolean; first: number }] | null = null;
  for (const entry of score) {
    const [id, s] = entry;
    const brand = index.registry.byId.get(id);
    // Public bodies (188, #9110, the anti-phishing council) are mentioned in advice, not claimed.
    if (brand?.kind === 'public') continue;
    if (!best || s.w > best[1].w || (s.w === best[1].w && s.first < best[1].first)) best = entry;
  }
  if (!best) return { brandId: null, claimed: false };
  // Claimed only when some of the brand's group evidence is a real claim.
  const group = index.registry.byId.get(best[0])?.group;
  const claimed = evidence.some(
    (e) => e.claimed && (e.brandId === best[0] || index.registry.byId.get(e.brandId)?.group === group),
  );
  return { brandId: best[0], claimed };
}
