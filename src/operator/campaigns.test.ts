import { describe, expect, it } from 'vitest';
import { type CampaignReport, groupCampaigns, jaccard, normalizeReportText, shingles } from './campaigns.ts';

let n = 0;
function report(text: string, extra: Partial<CampaignReport> = {}): CampaignReport {
  n++;
  return {
    id: `r${String(n).padStart(3, '0')}`,
    text,
    domains: [],
    phones: [],
    atMs: n * 1000,
    verdict: 'phishing',
    ...extra,
  };
}

const SMS_A =
  '【ドコモ】ご利用料金のお支払い確認が取れておりません。本日中にご確認ください。https://docomo-pay.top/a1';
const SMS_A2 =
  '【ドコモ】ご利用料金のお支払い確認が取れておりません。本日中にご確認ください。https://docomo-pay.top/zz9';
const SMS_B =
  '【佐川急便】お荷物のお届けにあがりましたが不在の為持ち帰りました。配送物は下記よりご確認ください。';

describe('normalizeReportText', () => {
  it('folds width and case, blanks links and digits, drops spaces and punctuation', () => {
    expect(normalizeReportText('ＡＢＣ 123、 http://x.example/1  def!')).toBe('abc0def');
  });
});

describe('jaccard and shingles', () => {
  it('is 1 for the same text, 0 for nothing in common or an empty text', () => {
    const a = shingles('あいうえお');
    expect(jaccard(a, shingles('あいうえお'))).toBe(1);
    expect(jaccard(a, shingles('かきくけこ'))).toBe(0);
    expect(jaccard(shingles(''), shingles(''))).toBe(0);
  });
});

describe('groupCampaigns', () => {
  it('groups near-identical texts whose links differ only in the path', () => {
    const r1 = report(SMS_A);
    const r2 = report(SMS_A2);
    const r3 = report(SMS_B);
    const campaigns = groupCampaigns([r3, r2, r1]);
    expect(campaigns.map((c) => [c.id, c.size])).toEqual([
      [`cmp_${r1.id}`, 2],
      [`cmp_${r3.id}`, 1],
    ]);
    expect(campaigns[0]?.reportIds).toEqual([r2.id, r1.id]);
    expect(campaigns[0]?.firstSeenMs).toBe(r1.atMs);
    expect(campaigns[0]?.lastSeenMs).toBe(r2.atMs);
  });

  it('groups different texts that share a link domain or a phone number, transitively', () => {
    const a = report('全然違う文面その一', { domains: ['Evil.example'] });
    const b = report('まったく別の文章その二', { domains: ['evil.example'], phones: ['+81-50-1234-5678'] });
    const c = report('三つ目のメッセージ', { phones: ['+81 50 1234 5678'] });
    const d = report('関係のない通知', { domains: ['other.example'], verdict: 'no_signs' });
    const campaigns = groupCampaigns([a, b, c, d]);
    expect(campaigns[0]).toMatchObject({
      id: `cmp_${a.id}`,
      size: 3,
      domains: ['evil.example'],
      verdicts: { phishing: 3 },
    });
    expect(campaigns[1]).toMatchObject({ id: `cmp_${d.id}`, size: 1, verdicts: { no_signs: 1 } });
  });

  it('keeps texts below the similarity threshold apart, and honours a lower threshold', () => {
    const a = report('お客様のアカウントが停止されました。確認をお願いします。');
    const b = report('お客様のアカウントに不審なログインがありました。至急ご確認ください。');
    const similarity = jaccard(shingles(normalizeReportText(a.text)), shingles(normalizeReportText(b.text)));
    expect(similarity).toBeGreaterThan(0);
    expect(similarity).toBeLessThan(0.8);
    expect(groupCampaigns([a, b])).toHaveLength(2);
    expect(groupCampaigns([a, b], { threshold: similarity })).toHaveLength(1);
  });

  it('returns nothing for no reports', () => {
    expect(groupCampaigns([])).toEqual([]);
  });
});
