import { defineMessages } from '../i18n/index.ts';

defineMessages(
  {
    'terminal.starting': 'Starting the terminal…',
  },
  {
    'terminal.starting': '正在启动终端…',
  },
);
