import { describe, expect, it } from 'vitest';
import { revisionsOf } from './revisions.ts';

describe('revisionsOf', () => {
  it.each([
    ['deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web nginx=nginx:1.15\n', [1, 2], 2],
    ['deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n', [2, 3], 3],
    ['Error from server (NotFound): deployments.apps "web" not found\n', [], 0],
    ['daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n', [1], 1],
  ])('%#', (text, revisions, current) => {
    expect(revisionsOf(text)).toEqual({ revisions, current });
  });
});
