import {useContext} from 'react';
import {ThemeContext, type Theme} from '../theme.js';

/** The colours to draw with (none when colour is off). */
export function useTheme(): Theme {
	return useContext(ThemeContext);
}
