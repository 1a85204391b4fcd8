import {useContext} from 'react';
import {UiContext, type UiSettings} from './ui-context.js';

export const useUi = (): UiSettings => useContext(UiContext);
