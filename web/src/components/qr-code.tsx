/**
 * A QR code drawn as inline SVG from the qrcode library's module matrix (QRCode.create).
 * Not a data: URL image: the server's CSP is `img-src 'self'` (src/server/security-headers.ts)
 * and an inline SVG needs no loosening. The library is loaded only when this is shown.
 */
import { useEffect, useState } from 'react';

export function QrCode({ text, label }: { text: string; label: string }) {
  const [matrix, setMatrix] = useState<{ size: number; path: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((mod) => {
      const QRCode = mod.default ?? mod;
      const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
      const { size, data } = qr.modules;
      let path = '';
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          if (data[y * size + x]) path += `M${x + 4} ${y + 4}h1v1h-1z`;
        }
      }
      if (live) setMatrix({ size: size + 8, path });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!matrix) return null;
  return (
    <svg
      className="qr"
      viewBox={`0 0 ${matrix.size} ${matrix.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="totp-qr"
    >
      <rect width={matrix.size} height={matrix.size} fill="#fff" />
      <path d={matrix.path} fill="#000" />
    </svg>
  );
}
