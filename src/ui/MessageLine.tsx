import {Text} from 'ink';
import {Fragment} from 'react';
import {useTheme} from './hooks/use-theme.js';
import type {Message} from './run-state.js';
import {displayWidth, truncatePartsToWidth} from './text-width.js';

/** Props of MessageLine. */
export type MessageLineProps = {
	/** What to say, most important first. */
	messages: Message[];
	/** Columns available. */
	width: number;
};

/** Between two messages. */
const messageSeparator = '  ·  ';

/**
 * The messages shared out over the screen's message lines: one line, or two when the first is a failure
 * or a warning (a diverged run's advice, a rising loss, a run saved earlier that w replaces) beside which those after it, even in their short
 * forms, would be cut: they then have the second line to themselves, so the key just pressed is read
 * whole at 60 columns too (a save's file name keeps the time that tells saves apart).
 */
export function messageLines(messages: Message[], width: number): Message[][] {
	const [first, ...rest] = messages;
	if (first === undefined || first.tone === 'info' || rest.length === 0) {
		return [messages];
	}

	const shortest = [first.text, ...rest.map(message => message.short ?? message.text)].join(messageSeparator);
	return displayWidth(shortest) <= width ? [messages] : [[first], rest];
}

/** One line of messages: what the last key did, what went wrong and what to do about it. */
export function MessageLine({messages, width}: MessageLineProps) {
	const theme = useTheme();
	const colorOf = {info: undefined, warning: theme.warning, failure: theme.failure};
	// while the line does not fit, the shorter wording of each message after the first that has one, the
	// last (least important) first; the first (the most important) keeps its words unless they alone are
	// too wide, and what still does not fit is cut from the end
	const texts = messages.map(message => message.text);
	for (let index = messages.length - 1; index > 0 && displayWidth(texts.join(messageSeparator)) > width; index--) {
		texts[index] = messages[index]!.short ?? texts[index]!;
	}

	if (messages.length > 0 && displayWidth(texts[0]!) > width) {
		texts[0] = messages[0]!.short ?? texts[0]!;
	}

	// cut by columns here, not by Ink: a file name can be wide (CJK), and Ink's cut can keep a character that
	// straddles the edge; a short form ending in a file name is cut in its middle, so the name keeps its end
	const keepEnds = texts.flatMap((text, index) => [0, text === messages[index]!.short ? messages[index]!.shortKeepsEnd ?? 0 : 0]);
	const parts = truncatePartsToWidth(texts.flatMap((text, index) => [index > 0 ? messageSeparator : '', text]), width, keepEnds);
	return (
		<Text wrap="truncate">
			{messages.length === 0 && ' '}
			{messages.map((message, index) => (
				<Fragment key={index}>
					{parts[2 * index]}
					<Text color={colorOf[message.tone]} bold={message.tone === 'failure'}>{parts[2 * index + 1]}</Text>
				</Fragment>
			))}
		</Text>
	);
}
