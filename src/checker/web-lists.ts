/**
 * Facts about the web that phishing in Japan leans on. These are hosts and suffixes, not brands;
 * the brand registry lives in src/registry. Lists are lower-case hosts; a host matches itself and
 * its subdomains.
 */

/** Public URL shorteners: a short link hides where it leads. */
export const URL_SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'is.gd', 'v.gd', 't.co', 'tinyurl.com', 'ow.ly', 'buff.ly', 'rebrand.ly',
  'cutt.ly', 'shorturl.at', 'rb.gy', 't.ly', 'tiny.cc', 'goo.gl', 'x.gd', 'qr.paps.jp', 'urx.nu',
  'urx2.nu', 'urx3.nu', 'onl.bz', 'onl.la', 'onl.tw', 'amzn.to', 'lin.ee', 'xgf.nu', 'u0u.jp',
  'kutt.it', 's.id', 'shorturl.asia', 'clck.ru', 'qrco.de', 'bl.ink', 'snip.ly', 'lnkd.in', 'adf.ly',
  'shorter.me', '00m.in', 'tr.ee', 'linktr.ee', 'han.gl', 'me2.kr', 'cli.re', 'vo.la', 'iii.im',
  'ux.nu', 'ur0.jp', 'ur0.biz', 'ur0.work', 'gg.gg', 'jpn.to', 'y2u.be', 'did.li', 'dwz.cn', 'url.cn',
  'sohu.gg', 'suo.im', 'reurl.cc', 'ppt.cc', 'lihi.cc', 'lihi1.cc', 'lihi2.cc', 'lihi3.com', 'pse.is',
]);

/**
 * Free or shared hosting and storage where anyone can publish a page under the platform's domain.
 * Many of these are also in the Public Suffix List's private section, which the checker consults
 * as well; this list covers the ones that are not.
 */
export const FREE_HOSTING: ReadonlySet<string> = new Set([
  'storage.googleapis.com', 'storage.cloud.google.com', 'firebasestorage.googleapis.com', 'sites.google.com',
  'docs.google.com', 'forms.gle', 'script.google.com', 'drive.google.com', 'blob.core.windows.net',
  'web.core.windows.net', 'azurewebsites.net', 'azureedge.net', 's3.amazonaws.com', 'amazonaws.com',
  'cloudfront.net', 'r2.dev', 'workers.dev', 'pages.dev', 'netlify.app', 'vercel.app', 'web.app',
  'firebaseapp.com', 'github.io', 'gitlab.io', 'glitch.me', 'herokuapp.com', 'onrender.com', 'fly.dev',
  'repl.co', 'replit.app', 'weebly.com', 'wixsite.com', 'wix.com', 'blogspot.com', 'wordpress.com',
  'jimdofree.com', 'jimdosite.com', 'jimdo.com', 'webflow.io', 'framer.app', 'carrd.co', 'notion.site',
  'square.site', 'godaddysites.com', '000webhostapp.com', 'mystrikingly.com', 'strikingly.com',
  'ipfs.io', 'dweb.link', 'cloudflare-ipfs.com', 'fleek.co', 'surge.sh', 'tiiny.site', 'ngrok.io',
  'ngrok-free.app', 'trycloudflare.com', 'loca.lt', 'serveo.net', 'duckdns.org', 'no-ip.org', 'ddns.net',
  'hopto.org', 'zapto.org', 'myftp.biz', 'ucoz.net', 'wixstudio.com', 'canva.site', 'my.canva.site',
  'qualtrics.com', 'typeform.com', 'jotform.com', 'formstack.com', 'sakura.ne.jp', 'xsrv.jp',
  'fc2.com', 'web.fc2.com', 'lolipop.jp', 'main.jp', 'chu.jp', 'boy.jp', 'jp-ja.net', 'coreserver.jp',
  'value-domain.com', 'studio.site', 'peraichi.com', 'wixsite.jp', 'goope.jp', 'ameblo.jp',
]);

/**
 * Open redirectors and proxies seen carrying phishing links: the visible host is a big brand,
 * the destination is a parameter.
 */
export const REDIRECTORS: ReadonlyArray<{ host: string; path?: RegExp; label: string }> = [
  { host: 'translate.goog', label: 'Google翻訳のプロキシ' },
  { host: 'translate.google.com', path: /[?&]u=/, label: 'Google翻訳のプロキシ' },
  { host: 'google.com', path: /^\/(url|amp\/s|search)\b/, label: 'Googleのリダイレクト' },
  { host: 'google.co.jp', path: /^\/(url|amp\/s)\b/, label: 'Googleのリダイレクト' },
  { host: 'bing.com', path: /^\/ck\/a\b/, label: 'Bingのリダイレクト' },
  { host: 'l.facebook.com', label: 'Facebookのリダイレクト' },
  { host: 'l.instagram.com', label: 'Instagramのリダイレクト' },
  { host: 'youtube.com', path: /^\/redirect\b/, label: 'YouTubeのリダイレクト' },
  { host: 'ct.sendgrid.net', label: 'メール配信サービスの計測リンク' },
  { host: 'sendgrid.net', path: /^\/ls\/click\b/, label: 'メール配信サービスの計測リンク' },
  { host: 'list-manage.com', label: 'メール配信サービスの計測リンク' },
  { host: 'mailchi.mp', label: 'メール配信サービスのページ' },
  { host: 'rs6.net', label: 'メール配信サービスの計測リンク' },
  { host: 'mjt.lu', label: 'メール配信サービスの計測リンク' },
  { host: 'r.mail.yahoo.co.jp', label: 'リダイレクト' },
  { host: 'doubleclick.net', label: '広告配信のリダイレクト' },
  { host: 'linkedin.com', path: /^\/redir\b/, label: 'LinkedInのリダイレクト' },
];

/**
 * Top-level domains with high abuse rates in phishing reports aimed at Japan (cheap registration,
 * weak checks). Presence alone is not proof: a medium signal.
 */
export const ABUSE_TLDS: ReadonlySet<string> = new Set([
  'top', 'xyz', 'icu', 'cn', 'buzz', 'shop', 'click', 'cyou', 'sbs', 'cfd', 'bond', 'rest', 'vip',
  'monster', 'quest', 'lol', 'mom', 'ink', 'pw', 'tk', 'ml', 'ga', 'cf', 'gq', 'work', 'fun', 'live',
  'site', 'online', 'store', 'tokyo', 'cc', 'ws', 'win', 'bid', 'loan', 'date', 'racing', 'review',
  'stream', 'download', 'link', 'club', 'today', 'life', 'asia', 'support', 'help', 'services',
  'digital', 'email', 'center', 'network', 'space', 'website', 'press', 'host', 'uno', 'xin', 'ren',
  'kim', 'men', 'party', 'trade', 'science', 'gdn', 'mobi', 'biz', 'info', 'hair', 'beauty', 'skin',
  'autos', 'boats', 'yachts', 'homes', 'motorcycles', 'makeup', 'baby', 'pics', 'lat', 'wang', 'vin',
]);

/** Attachment extensions that run code or open local phishing pages. */
export const DANGEROUS_EXTENSIONS: ReadonlySet<string> = new Set([
  'html', 'htm', 'shtml', 'xhtml', 'svg', 'exe', 'scr', 'com', 'bat', 'cmd', 'pif', 'vbs', 'vbe',
  'js', 'jse', 'wsf', 'wsh', 'hta', 'msi', 'msix', 'jar', 'ps1', 'lnk', 'iso', 'img', 'vhd', 'vhdx',
  'zip', 'rar', '7z', 'cab', 'gz', 'tgz', 'xz', 'arj', 'ace', 'apk', 'dmg', 'one', 'docm', 'xlsm',
  'pptm', 'xlam', 'chm', 'reg', 'url', 'library-ms', 'appx', 'cpl', 'dll',
]);

/** The listed host that host equals or is a subdomain of, or null. */
export function hostIn(host: string, list: ReadonlySet<string>): string | null {
  let h = host;
  for (;;) {
    if (list.has(h)) return h;
    const dot = h.indexOf('.');
    if (dot < 0) return null;
    h = h.slice(dot + 1);
  }
}
