// How graph components reach the page's action handler (typing a command into the terminal)
// without threading it through React Flow's node data.

import { createContext, useContext } from 'react';

export const ActionContext = createContext<(command: string) => void>(() => {});
export const useAction = () => useContext(ActionContext);
