import {Text} from 'ink';
import {Fragment} from 'react';
import {useTheme} from './hooks/use-theme.js';
import type {Message} from './run-state.js';

/** Props of MessageLine. */
export type MessageLineProps = {
	/** What to say, most important first. */
	messages: Message[];
};

/** One line of messages: what the last key did, what went wrong and what to do about it. */
export function MessageLine({messages}: MessageLineProps) {
	const theme = useTheme();
	const colorOf = {info: undefined, warning: theme.warning, failure: theme.failure};
	return (
		<Text wrap="truncate">
			{messages.length === 0 && ' '}
			{messages.map((message, index) => (
				<Fragment key={index}>
					{index > 0 && '  ·  '}
					<Text color={colorOf[message.tone]} bold={message.tone === 'failure'}>{message.text}</Text>
				</Fragment>
			))}
		</Text>
	);
}
