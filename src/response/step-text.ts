/**
 * Mamori's own wording for the checklist steps (Japanese first, English beside it). Facts from the
 * registry (numbers, procedures, compensation) are not here: build-checklist.ts takes them from the
 * registry with their sources.
 */
import type { LocalText, Situation, StepId } from './checklist.ts';

const t = (ja: string, en: string): LocalText => ({ ja, en });

export const SITUATION_LABEL: Readonly<Record<Situation, LocalText>> = {
  got_message: t('メッセージが届いた', 'I got a message'),
  entered_data: t('カード番号やコードを入力してしまった', 'I entered my card number or a code on a site'),
  unknown_charge: t('身に覚えのない請求がある', "I see a charge I don't recognise"),
  lost_phone: t('スマホをなくした', 'I lost my phone'),
};

/** Titles that do not depend on the situation. */
export const TITLE: Readonly<Record<Exclude<StepId, 'card_stop' | 'police'>, LocalText>> = {
  dont_tap: t(
    'リンクを開かない・返信しない・書かれた番号に電話しない',
    "Don't tap the link, don't reply, don't call numbers in the message",
  ),
  check_official: t(
    '公式アプリか、自分で登録したブックマークから確かめる',
    'Check for yourself in the official app or your own bookmark',
  ),
  line_stop: t('携帯電話会社に連絡して、回線を止める', 'Contact your carrier and suspend the line'),
  carrier_billing: t('キャリア決済の利用履歴を確かめて、止める', 'Check your carrier billing and stop it'),
  password_2fa: t(
    'パスワードを変えて、2段階認証をオンにする',
    'Change your password and turn on two-step verification',
  ),
  keep_evidence: t('証拠を残す', 'Keep evidence'),
  consumer_hotline: t('消費者ホットラインに相談する', 'Call the consumer hotline'),
  report_phishing: t('フィッシングを報告する', 'Report the phishing message'),
  compensation: t('補償の届出期限を確かめる', 'Check the deadline for compensation'),
};

export const CARD_STOP_TITLE: Readonly<Record<Situation, LocalText>> = {
  got_message: t('カード会社に連絡して、カードを止める', 'Call the card issuer and stop the card'),
  entered_data: t(
    'カード会社の24時間窓口に電話して、カードを止める',
    "Call the card issuer's 24-hour line and stop the card",
  ),
  unknown_charge: t(
    'カード会社に電話して、身に覚えのない請求を伝え、カードを止める',
    "Call the card issuer, report the charge you don't recognise, and stop the card",
  ),
  lost_phone: t(
    'スマホにカードを登録していたら、カード会社にも連絡する',
    'If a card was registered on the phone, call the card issuer too',
  ),
};

export const POLICE_TITLE = {
  consult: t('警察に相談する', 'Talk to the police'),
  lost: t('警察に届け出る(交番・警察署に遺失届)', 'Report the loss to the police (police box or station)'),
} as const;

/** Shown with numbers whose source is not official (reference README "CAUTION"). */
export const UNCONFIRMED_CARD_NUMBER = t(
  '「未確認」の番号は、カード会社の公式サイトでは確かめられていません。カードの裏面か、カード会社の公式サイトに書かれた番号と同じか確かめてからかけてください。',
  'Numbers marked "unconfirmed" were not found on the official site. Check that they match the number on the back of your card or on the card issuer\'s official site before you call.',
);
export const UNCONFIRMED_CARRIER_NUMBER = t(
  '「未確認」の番号は、携帯電話会社の公式サイトでは確かめられていません。公式サイトに書かれた番号と同じか確かめてからかけてください。',
  'Numbers marked "unconfirmed" were not found on the official site. Check that they match the number on the carrier\'s official site before you call.',
);
export const UNCONFIRMED_FACT = t(
  '「未確認」の情報は、公式サイト以外のページで見つけたものです。公式サイトか公式アプリで確かめてから従ってください。',
  'Information marked "unconfirmed" was found on pages other than the official site. Check it on the official site or app before you rely on it.',
);

export const TEXT = {
  cardBackNumber: t(
    'カードの裏面に書かれた電話番号(紛失・盗難の窓口)にかけてください。カードが手元にないときは、カード会社の公式サイトか公式アプリで番号を確かめてください。',
    "Call the number on the back of your card (the lost or stolen card desk). If you do not have the card, find the number on the issuer's official site or app.",
  ),
  neverCallMessageNumber: t(
    'メッセージやメールに書かれた番号にはかけないでください。',
    'Never call a number given in the message or e-mail.',
  ),
  sayEnteredData: t(
    'カード番号などを偽のサイトに入力してしまったと伝え、カードの利用停止と再発行を頼んでください。',
    'Say that you entered your card details on a fake site, and ask them to stop the card and issue a new one.',
  ),
  sayUnknownCharge: t(
    '身に覚えのない請求(日付・金額・お店の名前)を伝え、調査と、カードの利用停止・再発行を頼んでください。',
    'Tell them about the charge you do not recognise (date, amount, merchant) and ask them to investigate, stop the card and issue a new one.',
  ),
  sayLostPhone: t(
    'スマホのウォレット(Apple Pay・Google ウォレットなど)や決済アプリにカードを登録していた場合は、スマホをなくしたと伝え、カードを止めるか相談してください。',
    'If the card was in a wallet (Apple Pay, Google Wallet …) or a payment app on the phone, tell them the phone is lost and ask whether to stop the card.',
  ),
  askWindow: t(
    '電話のときに、補償を受けるための届出の期限と、必要な書類も聞いてください。',
    'While on the phone, ask until when you must report to be compensated, and which documents they need.',
  ),
  callCarrierLost: t(
    'ほかの電話かパソコンから、携帯電話会社の紛失・盗難の窓口(公式サイトに書かれています)に連絡して、回線を止めてください。',
    "From another phone or a computer, contact your carrier's lost or stolen phone desk (on its official site) and suspend the line.",
  ),
  findDevice: t(
    'iPhoneは「探す」、Androidは「デバイスを探す」で、ほかの端末から位置の確認や遠隔ロックができます。',
    'With Find My (iPhone) or Find My Device (Android) you can locate and lock the phone from another device.',
  ),
  billingCheckYourself: t(
    'メッセージのリンクではなく、公式アプリか会員ページに自分でログインして、キャリア決済(携帯料金とまとめて支払い)の利用履歴を確かめてください。',
    'Sign in yourself through the official app or member site (not a link in a message) and check the carrier billing history (purchases added to your phone bill).',
  ),
  billingStopGeneric: t(
    '身に覚えのない利用があれば携帯電話会社に連絡してください。使っていないなら、利用上限額を下げるか、利用を止める設定にしてください。',
    'If you see purchases you do not recognise, contact the carrier. If you do not use carrier billing, lower its limit or turn it off.',
  ),
  billingEnteredCode: t(
    'SMSで届いた認証コードや、携帯電話会社のID・暗証番号を入力してしまった場合、キャリア決済が使われるおそれがあります。',
    'If you entered a code from an SMS or your carrier ID or PIN, your carrier billing may be used by someone else.',
  ),
  mamoriLock: t(
    'Mamoriで守られているサービスをお使いなら、アプリの「緊急ロック」を押してください。ひと押しでキャリア決済が止まり、すべての端末からログアウトされます。',
    'If you use a service protected by Mamori, press "Emergency lock" (緊急ロック) in the app: one tap stops carrier billing and signs you out on every device.',
  ),
  passwordEntered: t(
    '偽のサイトに入力したID・パスワードを、公式アプリか自分で登録したブックマークから開いたページで変えてください。同じパスワードを使っているほかのサービスも変えてください。',
    'Change the password you entered on the fake site, through the official app or your own bookmark, and on every other service where you use the same password.',
  ),
  passwordCharge: t(
    'カード会社の会員サイト、携帯電話会社のID、よく使う買い物サイトのパスワードを変えてください。',
    "Change the passwords of your card issuer's member site, your carrier ID and the shopping sites you use.",
  ),
  passwordLost: t(
    'スマホでログインしていたサービス(携帯電話会社のID、メール、買い物、決済アプリ)のパスワードをほかの端末から変え、なくしたスマホをログアウトさせてください。',
    'From another device, change the passwords of the services signed in on the phone (carrier ID, e-mail, shopping, payment apps) and sign the lost phone out.',
  ),
  twoFactor: t(
    '2段階認証は、SMSのコードより、パスキーか認証アプリ(ワンタイムパスワード)を選んでください。SMSのコードはだまし取られやすく、SIMを乗っ取られると相手に届きます。',
    'For two-step verification choose a passkey or an authenticator app (one-time codes) rather than SMS codes: SMS codes are easy to phish and go to the attacker if the SIM is taken over.',
  ),
  checkAccountChanges: t(
    'ログイン履歴、登録している端末、連絡先のメールアドレスや電話番号が変えられていないかも確かめてください。',
    'Also check the sign-in history, the registered devices, and that your contact e-mail and phone number were not changed.',
  ),
  neverTellCodes: t(
    '認証コードやパスワードを聞いてくる電話やメッセージには答えないでください。',
    'Do not give codes or passwords to anyone who asks for them by phone or message.',
  ),
  evidenceMessage: t(
    'メッセージの画面(送信者・日時・本文が見えるように)をスクリーンショットで残し、メッセージは消さないでください。',
    'Take screenshots of the message showing the sender, time and text, and do not delete the message.',
  ),
  evidenceSite: t(
    '入力してしまったサイトのURL(開き直さずに、メッセージからコピー)と、入力した内容と日時をメモしてください。',
    'Note the address of the site (copy it from the message; do not open it again), what you entered and when.',
  ),
  evidenceStatement: t(
    'カードやキャリア決済の利用明細の、身に覚えのない請求の部分を保存してください。',
    'Save the part of the card or carrier-billing statement that shows the charges you do not recognise.',
  ),
  evidenceLost: t('なくした日時と場所をメモしてください。', 'Note when and where you lost the phone.'),
  evidenceCalls: t(
    '連絡した窓口、日時、担当者、受付番号をメモしてください。',
    'Note every desk you called, when, who you spoke to and any reference number.',
  ),
  evidenceReport: t(
    '`mamori report` で、警察・消費生活センター・カード会社に出せる記録(PDFとJSON)を作れます。',
    '`mamori report` makes a record (PDF and JSON) you can give to the police, the consumer centre and the card issuer.',
  ),
  police9110: t(
    '#9110は、緊急ではない相談の窓口です(サイバー犯罪の相談もできます)。最寄りの警察署でも相談できます。',
    '#9110 is the line for non-emergency consultations, cyber crime included. You can also go to your local police station.',
  ),
  policeNumberMissing: t(
    '警察相談専用電話か、最寄りの警察署に相談してください。',
    'Call the police consultation line or go to your local police station.',
  ),
  police110: t('今まさに危険があるときは110番に電話してください。', 'If you are in danger now, call 110.'),
  policeReceipt: t(
    '届け出たら受理番号を控えてください。カード会社や携帯電話会社に聞かれることがあります。',
    'Write down the report number the police give you; the card issuer or carrier may ask for it.',
  ),
  policeLost: t(
    '最寄りの交番か警察署に遺失届を出してください。盗まれたときは被害届を出してください。',
    'File a lost-property report at a police box or station; if the phone was stolen, report the theft.',
  ),
  hotline188: t(
    '局番なしの188にかけると、近くの消費生活センターなどにつながります。相談は無料です(通話料はかかります)。',
    'Dial 188 (no area code) to reach your nearest consumer centre. Advice is free; the call is charged.',
  ),
  hotlineMissing: t('最寄りの消費生活センターに相談してください。', 'Talk to your local consumer centre.'),
  phishingHow: t(
    'メールはリンクを開かずに転送してください。SMSはスクリーンショットをメールに添付して送ってください。',
    'Forward e-mail without opening the links. For an SMS, attach a screenshot to an e-mail.',
  ),
  phishingMissing: t(
    'フィッシング対策協議会の公式サイトから報告してください。',
    "Report it through the Council of Anti-Phishing Japan's official site.",
  ),
  phishingImpersonated: t(
    '名乗られた会社の公式サイトに報告の窓口があれば、そこにも知らせてください。',
    'If the company the message claimed to be from has a reporting page on its official site, tell them too.',
  ),
  spoofable: t(
    '送信者の名前や番号が本物に見えても、偽装できます。それだけでは本物とは言えません。',
    'A sender name or number that looks genuine can be faked; it proves nothing by itself.',
  ),
  checkCommand: t(
    '`mamori check` でメッセージを確かめられます。',
    'You can check the message with `mamori check`.',
  ),
  ifTapped: t(
    'リンクを開いてしまっても、何も入力せず、アプリも入れていなければ、そのページを閉じてください。カード番号やコード、パスワードを入力してしまったら、`mamori respond --situation entered_data` の手順に進んでください。',
    'If you opened the link but entered nothing and installed nothing, close the page. If you entered a card number, a code or a password, follow `mamori respond --situation entered_data`.',
  ),
  checkOfficialHow: t(
    'メッセージのリンクではなく、いつも使っている公式アプリか、自分で登録したブックマークからログインして、本当にお知らせや請求があるか確かめてください。',
    'Instead of the link in the message, sign in through the official app you always use or your own bookmark, and see whether there really is a notice or a bill.',
  ),
  checkOfficialAsk: t(
    'わからないときは、カードの裏面か公式サイトに書かれた窓口に問い合わせてください。',
    'If in doubt, call the number on the back of your card or on the official site.',
  ),
  compensationEarly: t(
    '補償には期限や条件があります。できるだけ早く届け出てください。',
    'Compensation has deadlines and conditions: report as early as you can.',
  ),
  compensationAskIssuer: t(
    'カード会社に、いつまでに何を届け出れば補償の対象になるかを聞いてください。',
    'Ask the card issuer until when, and what, you must report to be compensated.',
  ),
  compensationAskCarrier: t(
    'キャリア決済の補償の条件と期限も、携帯電話会社に聞いてください。',
    'Also ask your carrier about the conditions and deadline for carrier-billing compensation.',
  ),
} as const;
