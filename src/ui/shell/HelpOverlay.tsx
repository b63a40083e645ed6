// The keyboard shortcuts, listed.

import { defineMessages, useT } from '../i18n/index.ts';

defineMessages(
  {
    'help.title': 'Keyboard shortcuts',
    'help.help': 'Show this list',
    'help.pause': 'Pause or resume simulated time',
    'help.tabs': 'Editor, inspector, event log',
    'help.terminal': 'Focus the terminal',
    'help.apply': 'Apply the editor’s file',
    'help.complete': 'Complete a command, type, name or flag (twice: list them)',
    'help.interrupt': 'Stop a waiting command (kubectl get -w, rollout status)',
    'help.history': 'Earlier and later commands',
    'help.clear': 'Clear the terminal',
    'help.close': 'Close',
    'help.escape': 'Close a dialog or menu',
    'help.rewind': 'On the rewind strip: a second back or on (Shift: ten), a minute, the start, now',
  },
  {
    'help.title': '快捷键',
    'help.help': '显示此列表',
    'help.pause': '暂停或继续模拟时间',
    'help.tabs': '编辑器、检查器、事件日志',
    'help.terminal': '聚焦终端',
    'help.apply': '应用编辑器中的文件',
    'help.complete': '补全命令、资源类型、名称或参数（按两次列出候选）',
    'help.interrupt': '停止正在等待的命令（kubectl get -w、rollout status）',
    'help.history': '上一条 / 下一条命令',
    'help.clear': '清屏',
    'help.close': '关闭',
    'help.escape': '关闭对话框或菜单',
    'help.rewind': '在回放条上：后退或前进一秒（Shift：十秒）、一分钟、回到开始、回到现在',
  },
);

const SHORTCUTS: [string, string][] = [
  ['?', 'help.help'],
  ['Alt+P', 'help.pause'],
  ['Alt+1 / 2 / 3', 'help.tabs'],
  ['Alt+T', 'help.terminal'],
  ['Ctrl/⌘+Enter', 'help.apply'],
  ['Tab', 'help.complete'],
  ['Ctrl+C', 'help.interrupt'],
  ['↑ / ↓', 'help.history'],
  ['Ctrl+L', 'help.clear'],
  ['Esc', 'help.escape'],
  ['← / → · PgDn / PgUp · Home / End', 'help.rewind'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-label={t('help.title')} className="dialog" onClick={(e) => e.stopPropagation()}>
        <h2>{t('help.title')}</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([k, m]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{t(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose} autoFocus>
            {t('help.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
