// Export, import and share the whole sandbox. An imported file or a shared link is checked before
// the engine sees it; a refused one changes nothing.

import { useRef, useState } from 'react';
import type { EngineClient } from '../engine-client.ts';
import { defineMessages, useT } from '../i18n/index.ts';
import { parseSave, MAX_SAVE_BYTES } from '../persistence/save-file.ts';
import { shareLink } from '../persistence/share-link.ts';
import { toast } from '../state/ui-store.ts';
import { requestSave } from './use-autosave.ts';
import type { SavedSandbox } from '../../worker/protocol.ts';

defineMessages(
  {
    'menu.export': 'Export',
    'menu.import': 'Import',
    'menu.share': 'Share',
    'menu.exported': 'Saved the sandbox to {file}.',
    'menu.imported': 'Opened {file}.',
    'menu.refused': 'That file was not opened: {reason}. Nothing was changed.',
    'menu.sharedOpened': 'Opened the shared sandbox.',
    'menu.shareTitle': 'Share this sandbox',
    'menu.shareHint': 'Anyone who opens this link gets a copy of this cluster, its files and its terminal history. The link holds everything; nothing is uploaded.',
    'menu.copy': 'Copy link',
    'menu.copied': 'Link copied.',
    'menu.close': 'Close',
    'menu.link': 'Share link',
  },
  {
    'menu.export': '导出',
    'menu.import': '导入',
    'menu.share': '分享',
    'menu.exported': '已将沙箱保存为 {file}。',
    'menu.imported': '已打开 {file}。',
    'menu.refused': '没有打开该文件：{reason}。没有任何改动。',
    'menu.sharedOpened': '已打开分享的沙箱。',
    'menu.shareTitle': '分享这个沙箱',
    'menu.shareHint': '打开此链接的人会得到这个集群、文件和终端历史的副本。链接本身包含全部内容，不会上传任何东西。',
    'menu.copy': '复制链接',
    'menu.copied': '链接已复制。',
    'menu.close': '关闭',
    'menu.link': '分享链接',
  },
);

export function SandboxMenu({ client, boot }: { client: EngineClient; boot: (s?: SavedSandbox) => void }) {
  const t = useT();
  const fileInput = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string | null>(null);

  const exportFile = async () => {
    const save = await requestSave(client, true);
    const blob = new Blob([JSON.stringify(save)], { type: 'application/json' });
    const name = 'kube-sandbox.json';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    toast(t('menu.exported', { file: name }));
  };

  const importFile = async (file: File) => {
    if (file.size > MAX_SAVE_BYTES) {
      toast(t('menu.refused', { reason: `${file.size} bytes is too large` }), true);
      return;
    }
    const check = parseSave(await file.text());
    if (!check.ok) {
      toast(t('menu.refused', { reason: check.reason }), true);
      return;
    }
    boot(check.save);
    toast(t('menu.imported', { file: file.name }));
  };

  const share = async () => {
    setLink(await shareLink(await requestSave(client), location.href));
  };

  return (
    <div className="sandbox-menu">
      <button type="button" onClick={() => void exportFile()}>
        {t('menu.export')}
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        {t('menu.import')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={t('menu.import')}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
      <button type="button" onClick={() => void share()}>
        {t('menu.share')}
      </button>
      {link && (
        <div className="dialog-backdrop" onClick={() => setLink(null)}>
          <div role="dialog" aria-modal="true" aria-label={t('menu.shareTitle')} className="dialog" onClick={(e) => e.stopPropagation()}>
            <h2>{t('menu.shareTitle')}</h2>
            <p>{t('menu.shareHint')}</p>
            <input className="mono wide" readOnly value={link} aria-label={t('menu.link')} onFocus={(e) => e.target.select()} />
            <div className="dialog-buttons">
              <button
                type="button"
                onClick={() => {
                  void navigator.clipboard?.writeText(link).then(() => toast(t('menu.copied')));
                }}
              >
                {t('menu.copy')}
              </button>
              <button type="button" onClick={() => setLink(null)} autoFocus>
                {t('menu.close')}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
