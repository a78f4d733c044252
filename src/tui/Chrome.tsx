import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { formatFor } from '../i18n/format.js';
import { l, type Localized } from '../i18n/localized.js';
import { stateLabel, typeLabel } from '../present/labels.js';
import { styleLabel } from '../present/post-render.js';
import { noticeLines } from './layout.js';
import type { Busy, Notice } from './state/screen-state.js';
import { truncate } from './text-layout.js';
import { useUi } from './ui-context.js';
import type { ImageModel, PostModel } from './view-model.js';

/** The small fixed parts of the screen: header, tabs, image line, status line, help bar. */

export const Header = ({
  post,
  position,
  total,
  width,
}: {
  post: PostModel | undefined;
  position: number;
  total: number;
  width: number;
}) => {
  const { t, theme, lang } = useUi();
  const where = total > 0 ? `${position}/${total}` : '0/0';
  const text = post
    ? `${t(l(`Review ${where} · post ${post.shortId}`, `Révision ${where} · publication ${post.shortId}`))} · ${typeLabel(post.contentType, lang)} · ${post.targetDate} · ${post.brand} · ${stateLabel(post.state, lang)}`
    : `${t(l('Review', 'Révision'))} ${where}`;
  return (
    <Text bold color={theme.accent} wrap="truncate-end">
      {truncate(text, width)}
    </Text>
  );
};

export const VariantTabs = ({ post, selected, width }: { post: PostModel; selected: number; width: number }) => {
  const { t, theme, lang } = useUi();
  const parts = post.variants.map((v) => {
    const score = v.score === null ? '' : ` ${Math.round(v.score)}`;
    const lint = v.findings.length ? ` ⚑${v.findings.length}` : '';
    const label = `${v.idx} ${styleLabel(v.style, lang)}${score}${lint}`;
    return { idx: v.idx, text: v.idx === selected ? `[${label}]` : ` ${label} ` };
  });
  const used = parts.reduce((n, p) => n + p.text.length + 1, 0);
  const hint = used + 12 < width ? ` ${t(l('←/→ switch', '←/→ changer'))}` : '';
  return (
    <Text wrap="truncate-end">
      {parts.map((p) => (
        <Text
          key={p.idx}
          inverse={theme.colour && p.idx === selected}
          bold={p.idx === selected}
          color={p.idx === selected ? theme.accent : undefined}
        >
          {p.text}{' '}
        </Text>
      ))}
      <Text color={theme.muted}>{hint}</Text>
    </Text>
  );
};

/** "Image v1: ", or "Image v1 (v3 on approval): " when another variant is shown. */
export const imageLabel = (post: PostModel | undefined, t: (text: Localized) => string, shown?: number): string => {
  const carries = post?.variants.find((v) => v.id === post.image?.variantId)?.idx;
  if (carries === undefined) return t(l('Image: ', 'Image : '));
  if (shown !== undefined && shown !== carries)
    return t(l(`Image v${carries} (v${shown} on approval): `, `Image v${carries} (v${shown} à l’approbation) : `));
  return t(l(`Image v${carries}: `, `Image v${carries} : `));
};

/**
 * The picture that goes out, and whose headline it carries. Approving another variant sets that
 * variant's headline on the same picture, so the line says so rather than show a stale promise.
 */
export const ImageLine = ({
  image,
  post,
  shown,
  width,
  canRemake,
}: {
  image: ImageModel | undefined;
  post?: PostModel | undefined;
  shown?: number | undefined;
  width: number;
  canRemake: boolean;
}) => {
  const { t, theme } = useUi();
  const text = image
    ? `${imageLabel(post, t, shown)}${image.path} (${image.width}×${image.height} ${image.format}, ${image.provider})`
    : `${t(l('Image: ', 'Image : '))}${t(l('none yet', 'aucune pour l’instant'))}${canRemake ? t(l(' — press i to make one', ' — i pour en créer une')) : ''}`;
  return (
    <Text color={theme.muted} wrap="truncate-middle">
      {truncate(text, width)}
    </Text>
  );
};

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Spinner and elapsed time tick on their own, so a long call never freezes the screen. */
const BusyLine = ({ busy, width }: { busy: Busy; width: number }) => {
  const { theme, lang } = useUi();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  const frame = FRAMES[Math.floor(now / 100) % FRAMES.length]!;
  const seconds = formatFor(lang).num(Math.max(0, (now - busy.startedAt) / 1000), 1, 1);
  return (
    <Text color={theme.accent} wrap="truncate-end">
      {truncate(`${frame} ${busy.label}${busy.detail ? ` · ${busy.detail}` : ''} · ${seconds}\u00a0s`, width)}
    </Text>
  );
};

export const StatusLine = ({
  busy,
  notice,
  width,
}: {
  busy: Busy | undefined;
  notice: Notice | undefined;
  width: number;
}) => {
  const { theme } = useUi();
  if (busy) return <BusyLine busy={busy} width={width} />;
  const colour = notice?.tone === 'error' ? theme.error : notice?.tone === 'success' ? theme.success : undefined;
  return (
    <Box flexDirection="column">
      {noticeLines(notice, width).map((line, i) => (
        <Text key={i} color={colour} wrap="truncate-end">
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
};

export const HelpBar = ({ lines }: { lines: string[] }) => {
  const { theme } = useUi();
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} color={theme.muted} inverse={theme.colour} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
};
