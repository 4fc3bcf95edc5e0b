/** Line icons drawn inline: no icon font to load, and they follow the text colour in both themes. */
const PATHS = {
  queues: 'M4 6h16M4 12h16M4 18h10',
  compose: 'M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4',
  keys: 'M14.5 9.5a4.5 4.5 0 1 0-3.9 4.46L9 15.5V18h2.5v2H14v-2.5l1.54-1.54A4.5 4.5 0 0 0 14.5 9.5zM16 8h.01',
  pubsub: 'M4 8h13l-3-3M20 16H7l3 3',
  processes:
    'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
  workbench: 'M4 5h16v14H4zM7 9l3 3-3 3M12 15h5',
  connection:
    'M5 6c0-1.7 3.1-3 7-3s7 1.3 7 3-3.1 3-7 3-7-1.3-7-3zM5 6v6c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12v6c0 1.7 3.1 3 7 3s7-1.3 7-3v-6',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }): React.JSX.Element {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
