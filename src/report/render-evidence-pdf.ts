/**
 * The evidence report as a PDF for the police, a consumer centre or a card company (issue 6
 * "Evidence report"). Japanese needs a Japanese font embedded: IPAexGothic, which Debian ships as
 * fonts-ipaexfont-gothic (pdfkit embeds only the glyphs used, so the PDF stays small).
 */
import PDFDocument from 'pdfkit';
import type { EvidenceReport, TimelineEntry } from './evidence-report.ts';
import { formatJapanTime, formatYen } from './format-japan.ts';

/** Where Debian's fonts-ipaexfont-gothic package puts the font; MAMORI_PDF_FONT overrides it in the CLI. */
export const DEFAULT_JAPANESE_FONT = '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf';

export interface RenderEvidencePdfOptions {
  /** A TrueType/OpenType font with Japanese glyphs. */
  fontPath?: string;
}

const DECISION_JA: Record<string, string> = {
  allow: '許可',
  challenge: '追加認証',
  hold: '保留',
  lock: 'ロック',
};
const VERDICT_JA: Record<string, string> = {
  phishing: 'フィッシングの可能性が高い',
  suspicious: '不審な点あり',
  no_signs: '特に兆候なし',
};
const SEVERITY_JA: Record<string, string> = { high: '高', medium: '中', low: '低', info: '参考' };

const HEADER_BG = '#e8e8e8';
const MARGIN = 40;

const time = (iso: string | null) => (iso === null ? '—' : formatJapanTime(Date.parse(iso)));

/**
 * Renders the report to PDF bytes (A4, Japan time, yen).
 *
 * @example
 * await writeFile('report.pdf', await renderEvidencePdf(report));
 */
export async function renderEvidencePdf(
  report: EvidenceReport,
  options: RenderEvidencePdfOptions = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'ja-JP',
    info: {
      Title: `${report.title} ${report.subject.account}`,
      Author: 'Mamori',
      Subject: report.integrity.contentHash,
      CreationDate: new Date(Date.parse(report.generatedAt)),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('jp', options.fontPath ?? DEFAULT_JAPANESE_FONT);
  doc.font('jp');
  const width = doc.page.width - MARGIN * 2;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.moveDown(0.8).fontSize(12).fillColor('black').text(text, MARGIN, doc.y, { width });
    doc
      .moveTo(MARGIN, doc.y + 1)
      .lineTo(MARGIN + width, doc.y + 1)
      .lineWidth(0.5)
      .stroke();
    doc.moveDown(0.4).fontSize(9);
  };
  const para = (text: string) => doc.fontSize(9).text(text, MARGIN, doc.y, { width });
  const table = (columns: number[], header: string[], rows: string[][]) => {
    doc.fontSize(8);
    doc.table({
      position: { x: MARGIN, y: doc.y },
      columnStyles: columns,
      defaultStyle: { padding: [2, 3], border: 0.5, borderColor: '#888888' },
      data: [header.map((text) => ({ text, backgroundColor: HEADER_BG, type: 'TH' as const })), ...rows],
    });
    doc.x = MARGIN;
    doc.fontSize(9);
  };

  // Title and who / when.
  doc.fontSize(16).text(report.title, { align: 'center', width });
  doc.moveDown(0.3).fontSize(9).fillColor('#444444');
  doc.text(`作成日時：${time(report.generatedAt)}（日本時間）　作成：Mamori（守り）`, {
    align: 'center',
    width,
  });
  doc.fillColor('black');

  heading('1. 対象（どなたの被害か）');
  para(`アカウントID：${report.subject.account}`);
  para(`事業者ID：${report.subject.operatorId}`);

  heading('2. 期間（いつ）');
  para(`対象期間：${time(report.period.from)} 〜 ${time(report.period.to)}（日本時間）`);
  para(
    report.incident.flaggedEvents > 0
      ? `不審な操作の検知：${time(report.incident.firstFlaggedAt)} 〜 ${time(report.incident.lastFlaggedAt)}（${report.incident.flaggedEvents} 件）`
      : '不審な操作の検知：この期間にはありません',
  );

  heading('3. 概要');
  const s = report.summary;
  para(
    `記録された操作 ${s.events} 件（ログイン ${s.signIns} 件、うち失敗 ${s.failedSignIns} 件／設定・カードの変更 ${s.changes} 件／決済 ${s.charges} 件）`,
  );
  para(
    `決済の合計：${formatYen(s.chargeTotalYen)}　うち保留・拒否された決済：${formatYen(s.stoppedChargeYen)}`,
  );
  if (report.references.notices.length > 0)
    para(`お知らせの参照番号：${report.references.notices.join('、')}`);
  if (report.references.cases.length > 0) para(`案件番号：${report.references.cases.join('、')}`);
  for (const note of report.notes) para(`※ ${note}`);

  heading('4. 時系列（ログイン・変更・決済）');
  if (report.timeline.length === 0) para('この期間に記録された操作はありません。');
  else
    table(
      [88, 62, 170, 58, 45, 92],
      ['日時（日本時間）', '種別', '内容', '金額', '判定', '参照番号'],
      report.timeline.map(timelineRow),
    );

  const explained = report.decisions.filter((d) => d.reasons.length > 0 || d.decision !== 'allow');
  heading('5. 判定とその理由');
  if (explained.length === 0) para('この期間に不審と判定された操作はありません。');
  for (const d of explained) {
    para(
      `${time(d.at)}　${DECISION_JA[d.decision] ?? d.decision}（スコア ${d.score}）　イベント ${d.eventId}${d.notice ? `　お知らせ ${d.notice}` : ''}${d.case ? `　案件 ${d.case}` : ''}`,
    );
    for (const r of d.reasons)
      doc.text(`・${r.message}（${r.rule}, +${r.points}）`, MARGIN + 12, doc.y, { width: width - 12 });
    doc.moveDown(0.3);
  }

  heading('6. 利用者へのお知らせ（メッセージボックス）');
  if (report.notices.length === 0) para('この期間のお知らせはありません。');
  else
    table(
      [88, 82, 255, 90],
      ['日時（日本時間）', '参照番号', '件名', '既読'],
      report.notices.map((n) => [
        time(n.createdAt),
        n.ref,
        n.title,
        n.readAt === null ? '未読' : time(n.readAt),
      ]),
    );

  heading('7. 確認した不審なメッセージ');
  if (report.messages.length === 0) para('確認したメッセージはありません。');
  for (const m of report.messages) {
    para(
      `${m.label}：${VERDICT_JA[m.verdict] ?? m.verdict}（スコア ${m.score}）${m.sender ? `　送信元 ${m.sender}` : ''}`,
    );
    for (const r of m.reasons)
      doc.text(
        `・[${SEVERITY_JA[r.severity] ?? r.severity}] ${r.message}${r.evidence ? `：${r.evidence}` : ''}`,
        MARGIN + 12,
        doc.y,
        {
          width: width - 12,
        },
      );
    doc
      .fillColor('#444444')
      .text(`本文：${m.text.length > 600 ? `${m.text.slice(0, 600)}…` : m.text}`, MARGIN + 12, doc.y, {
        width: width - 12,
      })
      .fillColor('black');
    doc.text(`本文の SHA-256：${m.textSha256}`, MARGIN + 12, doc.y, { width: width - 12 });
    doc.moveDown(0.3);
  }

  heading('8. 実施した対応');
  if (report.steps.length === 0) para('記録された対応はありません。');
  else
    table(
      [88, 210, 217],
      ['日時（日本時間）', '対応', 'メモ'],
      report.steps.map((st) => [time(st.at), st.step, st.note ?? '']),
    );

  heading('9. 監査記録（引用）');
  if (report.audit.length === 0) para('引用する監査記録はありません。');
  else
    table(
      [36, 88, 100, 110, 181],
      ['番号', '日時（日本時間）', '操作者', '操作', 'ハッシュ（SHA-256）'],
      report.audit.map((a) => [`#${a.seq}`, time(a.at), a.actor, a.action, a.hash]),
    );

  heading('10. 改ざん検知のための情報');
  para(`この記録の内容ハッシュ（SHA-256）：${report.integrity.contentHash}`);
  para(
    report.integrity.auditHeadSeq === null
      ? '作成時の監査記録：なし'
      : `作成時の監査記録の末尾：#${report.integrity.auditHeadSeq} ${report.integrity.auditHeadHash}`,
  );
  para(
    '同時に作成した JSON ファイルについて「mamori report verify <ファイル>.json」を実行すると、内容が変更されていないことを確認できます。',
  );

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would add a page
    doc
      .fontSize(8)
      .fillColor('#666666')
      .text(`${report.subject.account}　${i + 1} / ${range.count}`, MARGIN, doc.page.height - 28, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}

function timelineRow(t: TimelineEntry): string[] {
  const refs = [t.notice, t.case].filter((x) => x !== null).join('\n');
  const where = [t.ip, t.country, t.device].filter((x) => x !== null).join(' / ');
  return [
    formatJapanTime(t.atMs),
    t.label,
    where ? `${t.description}\n${where}` : t.description,
    t.amountYen === null ? '' : formatYen(t.amountYen),
    t.decision === null
      ? ''
      : `${DECISION_JA[t.decision] ?? t.decision}${t.score === null ? '' : ` (${t.score})`}`,
    refs,
  ];
}
