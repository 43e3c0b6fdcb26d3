// The sandbox page: plays Slack's client for the pretend members. It renders what the Slack emulator
// holds (messages, ephemeral messages, modals, the Home tab) as Block Kit, and turns what the member
// does into the payloads Slack would send (through the sandbox's JSON API and the project's driver).

const POLL_MS = 1000;
/** Slack shows a sender's messages this close together as one run, under one header. */
const FOLLOW_ON_MS = 5 * 60_000;

const S = {
  user: new URLSearchParams(location.search).get('user') || 'U0ADA',
  state: null,
  tab: 'messages',
  /** viewId → { action_id → value as the driver takes it } (only what the member changed). */
  values: {},
  /** viewId → { action_id → [{ id, name, size }] }: the files picked in a file_input, already uploaded. */
  files: {},
  /** viewId → the uploads still under way, which a submission waits for. */
  uploading: {},
  /** viewId → { block_id → message }: the app's `response_action: errors`. */
  errors: {},
  /** viewId → what went wrong submitting it. */
  problems: {},
  rendered: { timeline: null, modal: null, home: null, members: null, me: null },
  /** Whose DM the timeline shows, to scroll to its end on a switch. */
  timelineUser: null,
  /** The member has hidden the demo's first hint. */
  hintClosed: false,
};

// --- the sandbox's API --------------------------------------------------------------------------

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error || `HTTP ${response.status}`);
  return json;
}

async function refresh() {
  const user = S.user;
  const state = await api(`/api/state?user=${encodeURIComponent(user)}`);
  if (user !== S.user) return;
  S.state = state;
  render();
}

/** The app does its slow work after the ack, so look again shortly after anything the member does. */
function refreshSoon() {
  refresh().catch(showError);
  for (const ms of [200, 500, 1000]) setTimeout(() => refresh().catch(() => undefined), ms);
}

async function poll() {
  try {
    await refresh();
  } catch {
    // The sandbox may be restarting; keep trying.
  }
  setTimeout(poll, POLL_MS);
}

function act(path, body) {
  return api(path, { user: S.user, ...body }).then(
    (result) => {
      refreshSoon();
      return result;
    },
    (err) => {
      showError(err);
      throw err;
    },
  );
}

// --- DOM helpers ----------------------------------------------------------------------------------

function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'html') el.innerHTML = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked' || key === 'selected' || key === 'disabled') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const $ = (selector) => document.querySelector(selector);

function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// --- mrkdwn and text objects --------------------------------------------------------------------------

const EMOJI = {
  wave: '👋',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  warning: '⚠️',
  zzz: '💤',
  fast_forward: '⏩',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  handshake: '🤝',
  airplane: '✈️',
  arrows_counterclockwise: '🔄',
  tada: '🎉',
  birthday: '🎂',
  calendar: '📆',
  date: '📅',
  spiral_calendar_pad: '🗓️',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  pushpin: '📌',
  bulb: '💡',
  memo: '📝',
  gift: '🎁',
  raised_hands: '🙌',
  seedling: '🌱',
  sparkles: '✨',
  bell: '🔔',
  mag: '🔍',
  information_source: 'ℹ️',
  x: '❌',
  thumbsup: '👍',
  '+1': '👍',
  star: '⭐',
  fire: '🔥',
  eyes: '👀',
  pray: '🙏',
  rocket: '🚀',
  house: '🏠',
  inbox_tray: '📥',
  outbox_tray: '📤',
  speech_balloon: '💬',
  telephone_receiver: '📞',
  email: '📧',
  link: '🔗',
  lock: '🔒',
  clipboard: '📋',
  chart_with_upwards_trend: '📈',
  scales: '⚖️',
  heart: '❤️',
  smile: '😄',
  slightly_smiling_face: '🙂',
  thinking_face: '🤔',
  briefcase: '💼',
  earth_africa: '🌍',
  pencil2: '✏️',
  wastebasket: '🗑️',
  package: '📦',
  arrow_right: '➡️',
  repeat: '🔁',
  point_right: '👉',
  question: '❓',
  exclamation: '❗',
  new: '🆕',
  coffee: '☕',
  muscle: '💪',
  clock9: '🕘',
  mailbox: '📫',
  books: '📚',
  trophy: '🏆',
  construction: '🚧',
  no_entry_sign: '🚫',
};

/**
 * Whether this browser draws emoji in colour. Without an emoji font (a bare Linux without
 * fonts-noto-color-emoji) they come out as empty boxes; drawn in black on a canvas, only an emoji font
 * gives coloured pixels.
 */
function drawsColourEmoji() {
  const canvas = document.createElement('canvas');
  canvas.width = 24;
  canvas.height = 24;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  g.font = '20px sans-serif';
  g.textBaseline = 'top';
  g.fillStyle = '#000';
  g.fillText(EMOJI.wave, 0, 0);
  const pixels = g.getImageData(0, 0, 24, 24).data;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] > 0 && (pixels[i] !== pixels[i + 1] || pixels[i + 1] !== pixels[i + 2])) return true;
  }
  return false;
}

const COLOUR_EMOJI = drawsColourEmoji();

/** An emoji as the page can show it: the picture, or with no emoji font its `:name:`, as Slack writes it. */
function emojiHtml(name) {
  return COLOUR_EMOJI
    ? `<span class="sk-emoji" title=":${name}:">${EMOJI[name]}</span>`
    : `<span class="sk-emoji sk-emoji-name" title="${EMOJI[name]}">:${name}:</span>`;
}

function emojify(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) => (EMOJI[name] ? emojiHtml(name) : whole));
}

function personName(userId) {
  const person = S.state?.people.find((p) => p.id === userId);
  if (person) return person.displayName;
  if (S.state && userId === S.state.bot.userId) return S.state.bot.name;
  return userId;
}

/** One `<…>` of mrkdwn: a mention, a channel, a special mention, or a link. */
function controlSequence(inner) {
  const [target, label] = inner.split('|', 2);
  if (target.startsWith('@')) {
    return `<span class="sk-mention">@${escapeHtml(decodeEntities(label || personName(target.slice(1))))}</span>`;
  }
  if (target.startsWith('#')) {
    return `<span class="sk-mention">#${escapeHtml(decodeEntities(label || target.slice(1)))}</span>`;
  }
  if (target.startsWith('!date^')) return slackDate(target, label);
  if (target.startsWith('!')) {
    const word = target.slice(1).split('^')[0];
    return `<span class="sk-mention">${escapeHtml(label ? decodeEntities(label) : `@${word}`)}</span>`;
  }
  const url = decodeEntities(target);
  const text = escapeHtml(decodeEntities(label || target));
  if (!/^(https?:|mailto:)/i.test(url)) return text;
  // A calendar feed link: the page serves it, and a click saves the .ics (a calendar app would subscribe).
  if (/\/calendar\/[^/]+\.ics$/.test(url) && new URL(url).origin === location.origin) {
    return `<a class="sk-ics" href="${escapeHtml(url)}" download="touchbase.ics">${text}</a>`;
  }
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

/** `*bold*`, `_italic_`, `~strike~`: Slack only sees the marks at word edges. */
function styleMarks(html, mark, tag) {
  const m = mark === '*' ? '\\*' : mark;
  const re = new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^${m}\\n]*?[^\\s${m}])${m}(?![\\w${m}])`, 'g');
  return html.replace(re, (_, before, body) => `${before}<${tag}>${body}</${tag}>`);
}

/** Slack's mrkdwn as HTML: code, links and mentions, bold, italic, strike, quotes, line breaks, emoji. */
function mrkdwn(text) {
  const kept = [];
  const keep = (html) => `\uE000${kept.push(html) - 1}\uE001`;
  let s = String(text ?? '');
  s = s.replace(/```([\s\S]*?)```/g, (_, code) =>
    keep(`<pre class="sk-pre">${escapeHtml(decodeEntities(code.replace(/^\n/, '')))}</pre>`),
  );
  s = s.replace(/`([^`\n]+)`/g, (_, code) =>
    keep(`<code class="sk-code">${escapeHtml(decodeEntities(code))}</code>`),
  );
  s = s.replace(/<([^<>\n]+)>/g, (_, inner) => keep(controlSequence(inner)));
  s = escapeHtml(decodeEntities(s));
  s = styleMarks(s, '*', 'b');
  s = styleMarks(s, '_', 'i');
  s = styleMarks(s, '~', 's');
  s = s
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') ? `<span class="sk-quote">${line.slice(5)}</span>` : line))
    .join('<br>')
    .replace(/<\/span><br><span class="sk-quote">/g, '<br>');
  s = emojify(s);
  return s.replace(/\uE000(\d+)\uE001/g, (_, i) => kept[Number(i)]);
}

function plainText(object) {
  if (!object) return '';
  const html = escapeHtml(object.text ?? '').replace(/\n/g, '<br>');
  return object.emoji === false ? html : emojify(html);
}

function textHtml(object) {
  if (!object) return '';
  return object.type === 'mrkdwn' ? mrkdwn(object.text) : plainText(object);
}

function optionLabel(option) {
  return option?.text?.text ?? option?.value ?? '';
}

// --- dates ----------------------------------------------------------------------------------------

function userTz() {
  return S.state?.user.tz || 'UTC';
}

/** `iso` as the member would read it where they are, in `locale`'s wording with these Intl options. */
function inUserTz(iso, locale, options) {
  return new Intl.DateTimeFormat(locale, { timeZone: userTz(), ...options }).format(new Date(iso));
}

/** The member's language setting: one style for every date and time the page shows them. */
function userLocale() {
  return S.state?.user.locale || 'en-US';
}

/** The day and time with the zone, in the member's own style: "Mon 2 Mar 2026, 10:00 GMT". */
function formatClock(iso) {
  const day = inUserTz(iso, userLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const zone = new Intl.DateTimeFormat(userLocale(), { timeZone: userTz(), timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${day}, ${formatTime(iso)} ${zone}`;
}

/** A time of day as the member's locale writes it short: "09:00" in London, "9:00 AM" in New York. */
function formatTime(iso) {
  return inUserTz(iso, userLocale(), { timeStyle: 'short' });
}

/** The member's calendar day, as YYYY-MM-DD. */
function localDay(iso) {
  return inUserTz(iso, 'en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
}

function dayLabel(iso) {
  const day = localDay(iso);
  const today = localDay(S.state.now);
  const yesterday = localDay(new Date(new Date(S.state.now).getTime() - 86_400_000).toISOString());
  if (day === today) return 'Today';
  if (day === yesterday) return 'Yesterday';
  return inUserTz(iso, userLocale(), { weekday: 'long', month: 'long', day: 'numeric' });
}

/**
 * `<!date^UNIX^{token}…^link|fallback>` as Slack's client shows it: each token in the reader's own
 * locale and time zone, "today", "yesterday" and "tomorrow" against the reader's day (sandbox time),
 * the fallback when the timestamp cannot be read. https://docs.slack.dev/messaging/formatting-message-text
 */
function slackDate(target, label) {
  const [, seconds, format = '', link] = target.split('^');
  const fallback = escapeHtml(decodeEntities(label ?? ''));
  if (!/^-?\d+$/.test(seconds ?? '')) return fallback;
  const iso = new Date(Number(seconds) * 1000).toISOString();
  const html = escapeHtml(decodeEntities(format)).replace(/\{(\w+)\}/g, (whole, token, offset) => {
    const text = dateToken(token, iso, offset === 0);
    return text === null ? whole : escapeHtml(text);
  });
  const url = link && decodeEntities(link);
  if (!url || !/^(https?:|mailto:)/i.test(url)) {
    return `<span class="sk-date" title="${escapeHtml(formatClock(iso))}">${html}</span>`;
  }
  return `<a class="sk-date" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${html}</a>`;
}

const LONG_DATE = { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' };
const DATE = { month: 'long', day: 'numeric', year: 'numeric' };
const SHORT_DATE = { month: 'short', day: 'numeric', year: 'numeric' };

/** One `{token}` of a date, from Slack's list; null for one Slack does not know, which stays as written. */
function dateToken(token, iso, first) {
  const plain = (options) => inUserTz(iso, userLocale(), options);
  switch (token) {
    case 'date_num':
      return localDay(iso);
    case 'date_slash':
      return plain({ day: '2-digit', month: '2-digit', year: 'numeric' });
    case 'date':
      return withOrdinal(iso, DATE);
    case 'date_short':
      return plain(SHORT_DATE);
    case 'date_long':
      return withOrdinal(iso, LONG_DATE);
    case 'date_long_full':
      return plain(DATE);
    case 'date_pretty':
      return nearDay(iso, first) ?? withOrdinal(iso, DATE);
    case 'date_short_pretty':
      return nearDay(iso, first) ?? plain(SHORT_DATE);
    case 'date_long_pretty':
      return nearDay(iso, first) ?? withOrdinal(iso, LONG_DATE);
    case 'day_divider_pretty': {
      const { year, ...thisYear } = LONG_DATE;
      const sameYear = localDay(iso).slice(0, 4) === localDay(S.state.now).slice(0, 4);
      return nearDay(iso, first) ?? withOrdinal(iso, sameYear ? thisYear : LONG_DATE);
    }
    case 'time':
      return formatTime(iso);
    case 'time_secs':
      return plain({ timeStyle: 'medium' });
    case 'ago':
      return ago(iso);
    default:
      return null;
  }
}

/** "today", "yesterday" or "tomorrow" in the member's own day, capitalised at the start; else undefined. */
function nearDay(iso, first) {
  const days =
    (Date.parse(`${localDay(iso)}T00:00:00Z`) - Date.parse(`${localDay(S.state.now)}T00:00:00Z`)) /
    86_400_000;
  const word = { '-1': 'yesterday', 0: 'today', 1: 'tomorrow' }[days];
  return word && first ? word[0].toUpperCase() + word.slice(1) : word;
}

/** US English writes the day of a long date as an ordinal ("February 18th, 2014"), as Slack does. */
function withOrdinal(iso, options) {
  const parts = new Intl.DateTimeFormat(userLocale(), { timeZone: userTz(), ...options }).formatToParts(
    new Date(iso),
  );
  if (userLocale() !== 'en-US') return parts.map((p) => p.value).join('');
  const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  const rule = new Intl.PluralRules('en-US', { type: 'ordinal' });
  return parts
    .map((p) => (p.type === 'day' ? `${p.value}${suffix[rule.select(Number(p.value))]}` : p.value))
    .join('');
}

/** `{ago}`: how long before (or after) sandbox time, in the largest whole unit. */
function ago(iso) {
  const seconds = (Date.parse(iso) - Date.parse(S.state.now)) / 1000;
  const format = new Intl.RelativeTimeFormat(userLocale(), { numeric: 'auto' });
  const units = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(Math.trunc(seconds), 'second');
}

// --- Block Kit ------------------------------------------------------------------------------------

/**
 * `ctx` says where blocks are shown: `container` (what a click reports), and for a modal its `viewId`
 * (whose input values the member is filling in) and the app's `errors`.
 */
function renderBlocks(blocks, ctx) {
  return h(
    'div',
    { class: 'sk-blocks' },
    (blocks || []).map((block) => renderBlock(block, ctx)),
  );
}

function renderBlock(block, ctx) {
  switch (block.type) {
    case 'header':
      return h('div', { class: 'sk-header', html: plainText(block.text) });
    case 'section':
      return h(
        'div',
        { class: 'sk-section', dataset: { blockId: block.block_id } },
        h(
          'div',
          { class: 'sk-section-body' },
          block.text && h('div', { class: 'sk-section-text', html: textHtml(block.text) }),
          block.fields &&
            h(
              'div',
              { class: 'sk-fields' },
              block.fields.map((f) => h('div', { class: 'sk-field', html: textHtml(f) })),
            ),
        ),
        block.accessory && h('div', { class: 'sk-accessory' }, renderElement(block.accessory, ctx)),
      );
    case 'context':
      return h(
        'div',
        { class: 'sk-context' },
        (block.elements || []).map((e) =>
          e.type === 'image'
            ? h('img', { class: 'sk-context-img', src: e.image_url, alt: e.alt_text })
            : h('span', { html: textHtml(e) }),
        ),
      );
    case 'divider':
      return h('hr', { class: 'sk-divider' });
    case 'actions':
      return h(
        'div',
        { class: 'sk-actions', dataset: { blockId: block.block_id } },
        (block.elements || []).map((e) => renderElement(e, ctx)),
      );
    case 'input':
      return renderInput(block, ctx);
    case 'image':
      return h(
        'figure',
        { class: 'sk-image' },
        h('img', { src: block.image_url, alt: block.alt_text }),
        block.title && h('figcaption', { html: plainText(block.title) }),
      );
    case 'rich_text':
      return h('div', { class: 'sk-message-text', html: richText(block) });
    default:
      return h('div', { class: 'sk-unknown' }, `[${block.type} block]`);
  }
}

function richText(block) {
  const inline = (e) => {
    if (e.type === 'text') {
      let html = escapeHtml(e.text).replace(/\n/g, '<br>');
      if (e.style?.bold) html = `<b>${html}</b>`;
      if (e.style?.italic) html = `<i>${html}</i>`;
      if (e.style?.strike) html = `<s>${html}</s>`;
      if (e.style?.code) html = `<code class="sk-code">${html}</code>`;
      return html;
    }
    if (e.type === 'link') return controlSequence(`${e.url}|${escapeHtml(e.text || e.url)}`);
    if (e.type === 'user') return `<span class="sk-mention">@${escapeHtml(personName(e.user_id))}</span>`;
    if (e.type === 'emoji') return EMOJI[e.name] ? emojiHtml(e.name) : `:${escapeHtml(e.name)}:`;
    return '';
  };
  return (block.elements || []).map((section) => (section.elements || []).map(inline).join('')).join('<br>');
}

/** An interactive element outside an input block: using it sends block_actions at once. */
function renderElement(element, ctx) {
  const send = (extra) =>
    act('/api/action', { actionId: element.action_id, container: ctx.container, ...extra }).catch(
      () => undefined,
    );
  const wrap = (child) =>
    h('span', { class: 'sk-element', dataset: { actionId: element.action_id, type: element.type } }, child);
  switch (element.type) {
    case 'button':
      return wrap(
        h(
          'button',
          {
            type: 'button',
            class: `sk-btn${element.style ? ` sk-btn-${element.style}` : ''}`,
            onclick: () => confirmThen(element.confirm, () => send({})),
          },
          h('span', { html: plainText(element.text) }),
        ),
      );
    case 'overflow':
      return wrap(
        overflowMenu(element, (option) =>
          confirmThen(element.confirm, () => send({ selectedOption: option.value })),
        ),
      );
    case 'static_select':
      return wrap(
        staticSelect(element, element.initial_option?.value, (value) => {
          if (value) confirmThen(element.confirm, () => send({ selectedOption: value }));
        }),
      );
    case 'users_select':
      return wrap(
        usersSelect(element, element.initial_user, (value) => {
          if (value) send({ value });
        }),
      );
    case 'datepicker':
      return wrap(
        h('input', {
          type: 'date',
          class: 'sk-control',
          value: element.initial_date,
          onchange: (e) => e.target.value && send({ value: e.target.value }),
        }),
      );
    case 'checkboxes':
      return wrap(
        choices(
          element,
          'checkbox',
          (element.initial_options || []).map((o) => o.value),
          (values) => send({ selectedOptions: values }),
        ),
      );
    case 'radio_buttons':
      return wrap(
        choices(element, 'radio', element.initial_option ? [element.initial_option.value] : [], (values) =>
          send({ selectedOption: values[0] }),
        ),
      );
    case 'image':
      return h('img', { class: 'sk-context-img', src: element.image_url, alt: element.alt_text });
    default:
      return wrap(h('span', { class: 'sk-unknown' }, `[${element.type}]`));
  }
}

function overflowMenu(element, onPick) {
  const box = h('span', { class: 'sk-overflow' });
  const menu = h('div', { class: 'sk-menu', role: 'menu', hidden: true });
  menu.append(
    ...(element.options || []).map((option) =>
      menuItem(menu, () => onPick(option), h('span', { html: plainText(option.text) })),
    ),
  );
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'sk-btn sk-overflow-button',
      'aria-label': 'More actions',
      onclick: (e) => {
        e.stopPropagation();
        toggleMenu(menu);
      },
    },
    '⋮',
  );
  box.append(toggle, menu);
  return box;
}

/** One entry of a pop-up menu; picking it closes the menu. */
function menuItem(menu, onPick, ...children) {
  return h(
    'button',
    {
      type: 'button',
      class: 'sk-menu-item',
      role: 'menuitem',
      onclick: () => {
        menu.hidden = true;
        onPick();
      },
    },
    children,
  );
}

/** What a click on a menu's button does: opens the menu, closing any other, or closes it when open. */
function toggleMenu(menu) {
  const opening = menu.hidden;
  closeMenus();
  menu.hidden = !opening;
  if (opening) placeMenu(menu);
}

/**
 * Like Slack's, a menu opens below its button unless it would run past the bottom of what can be seen
 * (a scrolling pane cuts it off, the window ends), then above it; and it grows towards whichever side
 * has room, so a ⋮ near the left edge of a narrow window does not push its menu off the page.
 */
function placeMenu(menu) {
  menu.classList.remove('sk-menu-above', 'sk-menu-start');
  const visible = visibleArea(menu);
  const box = menu.getBoundingClientRect();
  const button = menu.parentElement.getBoundingClientRect();
  if (box.bottom > visible.bottom && button.top - visible.top > visible.bottom - button.bottom) {
    menu.classList.add('sk-menu-above');
  }
  if (box.left < visible.left) menu.classList.add('sk-menu-start');
}

/** The part of the window that `el` can be seen in: the window, narrowed by every ancestor that clips. */
function visibleArea(el) {
  const area = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
  for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const r = node.getBoundingClientRect();
    area.top = Math.max(area.top, r.top);
    area.left = Math.max(area.left, r.left);
    area.bottom = Math.min(area.bottom, r.bottom);
    area.right = Math.min(area.right, r.right);
  }
  return area;
}

function closeMenus() {
  for (const menu of document.querySelectorAll('.sk-overflow .sk-menu')) menu.hidden = true;
}

document.addEventListener('click', closeMenus);

function placeholderOption(element, fallback) {
  return h('option', { value: '' }, element.placeholder?.text || fallback);
}

function staticSelect(element, selected, onChange) {
  const option = (o) => h('option', { value: o.value, selected: o.value === selected }, optionLabel(o));
  return h(
    'select',
    { class: 'sk-select', onchange: (e) => onChange(e.target.value || null) },
    placeholderOption(element, 'Select an option'),
    (element.options || []).map(option),
    (element.option_groups || []).map((g) => h('optgroup', { label: g.label?.text }, g.options.map(option))),
  );
}

function usersSelect(element, selected, onChange) {
  return h(
    'select',
    { class: 'sk-select', onchange: (e) => onChange(e.target.value || null) },
    placeholderOption(element, 'Select a person'),
    S.state.people.map((p) => h('option', { value: p.id, selected: p.id === selected }, p.realName)),
  );
}

let choiceGroup = 0;

function choices(element, kind, selected, onChange) {
  choiceGroup += 1;
  const name = `choice-${choiceGroup}`;
  const group = h('div', { class: 'sk-choices', role: kind === 'radio' ? 'radiogroup' : 'group' });
  const read = () =>
    [...group.querySelectorAll('input')].filter((input) => input.checked).map((input) => input.value);
  for (const o of element.options || []) {
    group.append(
      h(
        'label',
        { class: 'sk-choice' },
        h('input', {
          type: kind,
          name,
          value: o.value,
          checked: selected.includes(o.value),
          onchange: () => onChange(read()),
        }),
        h(
          'span',
          {},
          h('span', { html: textHtml(o.text) }),
          o.description && h('span', { class: 'sk-choice-description', html: textHtml(o.description) }),
        ),
      ),
    );
  }
  return group;
}

function confirmThen(confirm, go) {
  if (!confirm) {
    go();
    return;
  }
  const root = $('#confirm-root');
  const close = () => root.replaceChildren();
  root.replaceChildren(
    h(
      'div',
      { class: 'sk-overlay', onclick: (e) => e.target === e.currentTarget && close() },
      h(
        'div',
        { class: 'sk-modal sk-confirm', role: 'alertdialog' },
        h(
          'div',
          { class: 'sk-modal-header' },
          h('h2', { class: 'sk-modal-title', html: plainText(confirm.title) }),
        ),
        h('div', { class: 'sk-modal-body', html: textHtml(confirm.text) }),
        h(
          'div',
          { class: 'sk-modal-footer' },
          h(
            'button',
            { type: 'button', class: 'sk-btn sk-btn-lg', onclick: close },
            confirm.deny?.text || 'Cancel',
          ),
          h(
            'button',
            {
              type: 'button',
              class: `sk-btn sk-btn-lg ${confirm.style === 'danger' ? 'sk-btn-danger' : 'sk-btn-primary'}`,
              onclick: () => {
                close();
                go();
              },
            },
            confirm.confirm?.text || 'Yes',
          ),
        ),
      ),
    ),
  );
}

// --- input blocks (modals) ----------------------------------------------------------------------------

function valuesOf(viewId) {
  S.values[viewId] ??= {};
  return S.values[viewId];
}

/** What the member has put in an element so far, or undefined when they have not touched it. */
function touched(ctx, element) {
  const values = S.values[ctx.viewId] || {};
  return Object.hasOwn(values, element.action_id) ? values[element.action_id] : undefined;
}

function renderInput(block, ctx) {
  const error = ctx.errors?.[block.block_id];
  const id = `in-${ctx.viewId}-${block.block_id}`;
  return h(
    'div',
    { class: `sk-input${error ? ' sk-has-error' : ''}`, dataset: { blockId: block.block_id } },
    h(
      'label',
      { class: 'sk-label', for: id },
      h('span', { html: plainText(block.label) }),
      block.optional && h('span', { class: 'sk-optional' }, ' (optional)'),
    ),
    h(
      'div',
      { class: 'sk-element', dataset: { actionId: block.element?.action_id, type: block.element?.type } },
      inputControl(block, ctx, id),
    ),
    error && h('div', { class: 'sk-error', role: 'alert' }, h('span', {}, '⚠'), h('span', {}, error)),
    block.hint && h('div', { class: 'sk-hint', html: plainText(block.hint) }),
  );
}

function inputControl(block, ctx, id) {
  const element = block.element || {};
  const set = (value) => {
    valuesOf(ctx.viewId)[element.action_id] = value;
  };
  const now = touched(ctx, element);
  const was = (field, fallback) => (now === undefined ? (element[field] ?? fallback) : now);
  switch (element.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const props = {
        id,
        class: 'sk-control',
        placeholder: element.placeholder?.text,
        maxlength: element.max_length,
        value: was('initial_value', '') ?? '',
        oninput: (e) => set(e.target.value === '' ? null : e.target.value),
      };
      if (element.multiline) return h('textarea', { ...props, rows: 4 });
      const type = { email_text_input: 'email', url_text_input: 'url', number_input: 'number' }[element.type];
      return h('input', { ...props, type: type || 'text' });
    }
    case 'static_select':
      return withId(staticSelect(element, now === undefined ? element.initial_option?.value : now, set), id);
    case 'users_select':
      return withId(usersSelect(element, was('initial_user', null), set), id);
    case 'multi_static_select': {
      const initial = (element.initial_options || []).map((o) => o.value);
      const options = [
        ...(element.options || []),
        ...(element.option_groups || []).flatMap((g) => g.options),
      ];
      return multiSelect(
        id,
        options.map((o) => ({ value: o.value, label: optionLabel(o) })),
        now ?? initial,
        set,
        element.placeholder?.text || 'Select options',
      );
    }
    case 'multi_users_select':
      return multiSelect(
        id,
        S.state.people.map((p) => ({ value: p.id, label: p.realName })),
        now ?? element.initial_users ?? [],
        set,
        element.placeholder?.text || 'Select people',
      );
    case 'external_select': {
      const initial = element.initial_option
        ? { value: element.initial_option.value, text: optionLabel(element.initial_option) }
        : null;
      return externalSelect(id, element, ctx, now === undefined ? initial : now, set);
    }
    case 'multi_external_select': {
      const initial = (element.initial_options || []).map((o) => ({ value: o.value, text: optionLabel(o) }));
      return multiExternalSelect(id, element, ctx, now ?? initial, set);
    }
    case 'datepicker':
    case 'timepicker': {
      // Slack's date and time pickers pick what the browser's date and time inputs do, in the same format.
      const picks = element.type === 'datepicker' ? 'date' : 'time';
      return h('input', {
        id,
        type: picks,
        class: 'sk-control',
        value: was(`initial_${picks}`, '') ?? '',
        onchange: (e) => set(e.target.value || null),
      });
    }
    case 'radio_buttons':
      return choices(element, 'radio', [now === undefined ? element.initial_option?.value : now], (values) =>
        set(values[0] ?? null),
      );
    case 'checkboxes':
      return choices(element, 'checkbox', now ?? (element.initial_options || []).map((o) => o.value), set);
    case 'file_input':
      return fileChooser(id, element, ctx, set);
    case 'conversations_select':
    case 'channels_select':
      return h(
        'select',
        { id, class: 'sk-select', onchange: (e) => set(e.target.value || null) },
        placeholderOption(element, 'Select a conversation'),
        h('option', { value: S.state.channel }, 'touchbase (this DM)'),
      );
    default:
      return h('div', { class: 'sk-unknown' }, `[${element.type} input]`);
  }
}

/**
 * file_input: a file chooser. As in Slack, a picked file is uploaded at once (to the emulator, for the
 * member) and the submission carries its id; Slack's chooser offers only the element's filetypes and
 * takes at most max_files files.
 */
function fileChooser(id, element, ctx, set) {
  const max = element.max_files ?? 10;
  const filetypes = (element.filetypes || []).map((t) => t.toLowerCase());
  const box = h('div', { class: 'sk-file-input' });
  const draw = (chosen, note) => {
    const chips = h(
      'div',
      { class: 'sk-chips' },
      chosen.map((file) =>
        h(
          'span',
          { class: 'sk-chip sk-file', dataset: { fileId: file.id } },
          `${file.name} (${fileSize(file.size)})`,
          h(
            'button',
            {
              type: 'button',
              'aria-label': 'Remove',
              onclick: () => {
                const next = chosen.filter((f) => f.id !== file.id);
                keep(next);
                draw(next);
              },
            },
            '×',
          ),
        ),
      ),
    );
    const chooser = h('input', {
      id,
      type: 'file',
      class: 'sk-control',
      accept: filetypes.map((t) => `.${t}`).join(',') || undefined,
      multiple: max > 1,
      onchange: (e) => {
        const picked = [...e.target.files];
        const refused = picked.filter((f) => filetypes.length && !filetypes.includes(extension(f.name)));
        const taken = picked.filter((f) => !refused.includes(f)).slice(0, max - chosen.length);
        if (taken.length === 0) {
          draw(chosen, refused.length ? `${refused[0].name} can’t be uploaded here.` : undefined);
          return;
        }
        draw(chosen, taken.length === 1 ? `Uploading ${taken[0].name}…` : `Uploading ${taken.length} files…`);
        const upload = Promise.all(taken.map(uploadFile)).then(
          (files) => {
            const next = [...chosen, ...files];
            keep(next);
            draw(next);
          },
          (err) => draw(chosen, `The upload failed: ${err.message}`),
        );
        S.uploading[ctx.viewId] = upload;
      },
    });
    box.replaceChildren(
      ...(chosen.length ? [chips] : []),
      ...(chosen.length < max ? [chooser] : []),
      ...(note ? [h('div', { class: 'sk-file-note', role: 'status' }, note)] : []),
    );
  };
  const keep = (files) => {
    S.files[ctx.viewId] ??= {};
    S.files[ctx.viewId][element.action_id] = files;
    set(files.map((f) => f.id));
  };
  draw(S.files[ctx.viewId]?.[element.action_id] || []);
  return box;
}

function extension(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function fileSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The file goes to the sandbox as it is; Slack's side (the emulator) stores it for the member. */
async function uploadFile(file) {
  const query = new URLSearchParams({ user: S.user, name: file.name });
  const response = await fetch(`/api/upload?${query}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error || `HTTP ${response.status}`);
  return json;
}

function withId(el, id) {
  el.id = id;
  return el;
}

function multiSelect(id, options, selected, set, placeholder) {
  const box = h('div', { class: 'sk-multi' });
  const draw = (chosen) => {
    const add = h(
      'select',
      {
        id,
        class: 'sk-select',
        onchange: (e) => {
          if (!e.target.value) return;
          const next = [...chosen, e.target.value];
          set(next);
          draw(next);
        },
      },
      h('option', { value: '' }, placeholder),
      options.filter((o) => !chosen.includes(o.value)).map((o) => h('option', { value: o.value }, o.label)),
    );
    const chips = h(
      'div',
      { class: 'sk-chips' },
      chosen.map((value) =>
        h(
          'span',
          { class: 'sk-chip' },
          options.find((o) => o.value === value)?.label ?? value,
          h(
            'button',
            {
              type: 'button',
              'aria-label': 'Remove',
              onclick: () => {
                const next = chosen.filter((v) => v !== value);
                set(next);
                draw(next);
              },
            },
            '×',
          ),
        ),
      ),
    );
    box.replaceChildren(...(chosen.length ? [chips] : []), add);
  };
  draw(selected);
  return box;
}

/**
 * multi_external_select: the picks as chips (× removes one), then a box that asks the app for
 * options as external_select does; each pick joins the chips and the box empties for the next.
 */
function multiExternalSelect(id, element, ctx, picked, set) {
  const box = h('div', { class: 'sk-multi' });
  const draw = (chosen) => {
    const chips = h(
      'div',
      { class: 'sk-chips' },
      chosen.map((option) =>
        h(
          'span',
          { class: 'sk-chip' },
          option.text,
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Remove ${option.text}`,
              onclick: () => {
                const next = chosen.filter((c) => c.value !== option.value);
                set(next);
                draw(next);
              },
            },
            '×',
          ),
        ),
      ),
    );
    const more = externalSelect(id, element, ctx, null, (option) => {
      if (!option || chosen.some((c) => c.value === option.value)) return;
      const next = [...chosen, option];
      set(next);
      draw(next);
    });
    box.replaceChildren(...(chosen.length ? [chips] : []), more);
  };
  draw(picked);
  return box;
}

/** external_select: what the member types goes to the app as block_suggestion; its options come back. */
function externalSelect(id, element, ctx, picked, set) {
  const minLength = element.min_query_length ?? 3;
  const input = h('input', {
    id,
    class: 'sk-combo-input',
    autocomplete: 'off',
    placeholder: element.placeholder?.text || 'Select an option',
    value: picked?.text ?? '',
  });
  const menu = h('div', { class: 'sk-menu', role: 'listbox', hidden: true });
  const box = h('div', { class: 'sk-combo' }, input, menu);
  let current = picked;
  let asked = 0;
  let timer;
  const pick = (option) => {
    current = { value: option.value, text: optionLabel(option) };
    input.value = current.text;
    menu.hidden = true;
    set(current);
  };
  const item = (option) =>
    h(
      'button',
      {
        type: 'button',
        class: 'sk-menu-item',
        role: 'option',
        onmousedown: (e) => e.preventDefault(),
        onclick: () => pick(option),
      },
      optionLabel(option),
    );
  const suggest = async (query) => {
    if (query.length < minLength) {
      menu.hidden = true;
      return;
    }
    asked += 1;
    const mine = asked;
    const answer = await api('/api/suggest', {
      user: S.user,
      viewId: ctx.viewId,
      actionId: element.action_id,
      value: query,
    }).catch((err) => ({ error: err.message }));
    if (mine !== asked || document.activeElement !== input) return;
    const groups = answer.option_groups || [];
    const options = answer.options || [];
    menu.replaceChildren(
      ...options.map(item),
      ...groups.flatMap((g) => [
        h('div', { class: 'sk-menu-group' }, g.label?.text ?? ''),
        ...g.options.map(item),
      ]),
    );
    if (!options.length && !groups.length) {
      menu.append(
        h('div', { class: 'sk-menu-empty' }, answer.error ? `Error: ${answer.error}` : 'No results'),
      );
    }
    menu.hidden = false;
  };
  // Like Slack's menus, the options open on a click (or a typed letter, or the down arrow), not on focus.
  const open = () => {
    input.select();
    suggest(input.value === current?.text ? '' : input.value);
  };
  input.addEventListener('click', open);
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => suggest(input.value), 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && menu.hidden) {
      e.preventDefault();
      open();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      menu.querySelector('.sk-menu-item')?.click();
    } else if (e.key === 'Escape') {
      menu.hidden = true;
    }
  });
  input.addEventListener('blur', () => {
    menu.hidden = true;
    if (input.value === '' && current) {
      current = null;
      set(null);
    } else if (current) {
      input.value = current.text;
    } else {
      input.value = '';
    }
  });
  return box;
}

// --- rendering the page -------------------------------------------------------------------------------

function render() {
  renderHint();
  renderTopbar();
  renderMembers();
  renderWorkspace();
  renderTabs();
  renderTimeline();
  renderHome();
  renderModal();
}

function avatar(person, large) {
  return h(
    'span',
    { class: `sk-avatar${large ? ' sk-avatar-lg' : ''}`, style: `background:${person.color}` },
    person.displayName[0],
  );
}

/** The app's avatar and name over `note`, where there is nothing of the app's to show yet. */
function appIntro(note) {
  return h(
    'div',
    { class: 'sk-empty' },
    h('div', { class: 'sk-app-avatar' }, 'tb'),
    h('h3', {}, 'touchbase'),
    note,
  );
}

/** `--demo`: one line of what to try first, until the member hides it. */
function renderHint() {
  const { state } = S;
  const bar = $('#hint');
  bar.hidden = !state.demo || S.hintClosed;
  if (bar.hidden) return;
  const name = state.user.displayName;
  const hint = state.timeline.some((m) => !m.ephemeral)
    ? `*Try this first:* the digest below is ${name}'s morning: press *Log it* or *⋮* on an item, then *+1 day* at the top for the next morning.`
    : `*Try this first:* press *+1 day* at the top: each member's next morning digest arrives, ${name}'s here.`;
  const html = mrkdwn(hint);
  if ($('#hint-text').innerHTML !== html) $('#hint-text').innerHTML = html;
}

function renderTopbar() {
  const { state } = S;
  $('#clock-now').textContent = formatClock(state.now);
  $('#clock-now').title = `${state.user.displayName}'s time (${state.user.tz})`;
  const key = state.user.id;
  if (key === S.rendered.me) return;
  S.rendered.me = key;
  $('#me').replaceChildren(h('span', {}, `You are ${state.user.realName}`), avatar(state.user, false));
}

function renderMembers() {
  const { state } = S;
  const key = JSON.stringify([state.user.id, state.members]);
  if (key === S.rendered.members) return;
  S.rendered.members = key;
  $('#members').replaceChildren(
    ...state.members.map((m) =>
      h(
        'li',
        {
          class: `sk-sidebar-item${m.id === state.user.id ? ' sk-active' : ''}`,
          dataset: { member: m.id },
          title: `Play Slack as ${m.realName}`,
          onclick: () => switchMember(m.id),
        },
        avatar(m, false),
        h('span', {}, m.realName),
        h('span', { class: 'sk-tz' }, m.tz.split('/').pop().replace(/_/g, ' ')),
      ),
    ),
  );
}

/** The admin's side: touchbase installed or not, and when an uninstalled workspace's data goes. */
function renderWorkspace() {
  const { uninstalledAt, dataDeletedAt } = S.state.workspace;
  const button = $('#workspace-install');
  button.textContent = uninstalledAt ? 'Reinstall touchbase' : 'Uninstall touchbase';
  const note = $('#workspace-note');
  note.hidden = !uninstalledAt;
  if (!uninstalledAt) return;
  const day = (iso) => inUserTz(iso, userLocale(), DATE);
  const text =
    new Date(S.state.now) >= new Date(dataDeletedAt)
      ? `touchbase was uninstalled on ${day(uninstalledAt)}. Its data was deleted on ${day(dataDeletedAt)}; a reinstall starts afresh.`
      : `touchbase was uninstalled on ${day(uninstalledAt)}: no more digests. Its data is deleted on ${day(dataDeletedAt)} unless it is reinstalled before.`;
  if (note.textContent !== text) note.textContent = text;
}

function renderTabs() {
  $('#workspace-install').addEventListener('click', async () => {
    const button = $('#workspace-install');
    const action = S.state?.workspace.uninstalledAt ? 'reinstall' : 'uninstall';
    button.disabled = true;
    try {
      await act('/api/workspace', { action });
      toast(
        action === 'uninstall'
          ? 'touchbase was uninstalled: its tokens are gone and no more digests come. The network is kept for a while (the sidebar says until when), in case it comes back.'
          : 'touchbase is installed again.',
      );
      if (S.tab === 'home') openHomeTab();
    } catch {
      // act() has shown it.
    } finally {
      button.disabled = false;
    }
  });

  for (const button of document.querySelectorAll('.sk-tabs button')) {
    button.classList.toggle('sk-tab-active', button.dataset.tab === S.tab);
    button.setAttribute('aria-selected', String(button.dataset.tab === S.tab));
  }
  $('#messages-pane').hidden = S.tab !== 'messages';
  $('#home-pane').hidden = S.tab !== 'home';
  $('#about-pane').hidden = S.tab !== 'about';
}

function renderTimeline() {
  const { state } = S;
  const box = $('#timeline');
  const key = JSON.stringify([state.user.id, state.timeline, localDay(state.now), state.people]);
  if (key === S.rendered.timeline) return;
  const userChanged = S.timelineUser !== state.user.id;
  S.rendered.timeline = key;
  S.timelineUser = state.user.id;
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
  const children = [
    appIntro(
      h('div', {
        html: mrkdwn('This is your private conversation with touchbase. Try `/touchbase help` below.'),
      }),
    ),
  ];
  let lastDay = '';
  let previous = null;
  for (const entry of state.timeline) {
    const day = localDay(entry.at);
    const newDay = day !== lastDay;
    if (newDay) {
      lastDay = day;
      children.push(h('div', { class: 'sk-day' }, h('span', {}, dayLabel(entry.at))));
    }
    // Like Slack, a message that follows the sender's previous one within minutes goes on without a header.
    const follows =
      !newDay &&
      previous !== null &&
      !entry.ephemeral &&
      !previous.ephemeral &&
      new Date(entry.at).getTime() - new Date(previous.at).getTime() < FOLLOW_ON_MS;
    children.push(renderMessage(entry, follows));
    previous = entry;
  }
  box.replaceChildren(...children);
  if (atBottom || userChanged) box.scrollTop = box.scrollHeight;
}

function renderMessage(entry, follows) {
  const container = {
    type: entry.ephemeral ? 'ephemeral' : 'message',
    channelId: entry.channel,
    messageTs: entry.ts,
  };
  const time = (cls) =>
    h('time', { class: cls, datetime: entry.at, title: formatClock(entry.at) }, formatTime(entry.at));
  const body = [
    entry.blocks?.length
      ? renderBlocks(entry.blocks, { container })
      : (entry.text || !entry.files?.length) &&
        h('div', { class: 'sk-message-text', html: mrkdwn(entry.text) }),
    entry.files?.length && h('div', { class: 'sk-attachments' }, entry.files.map(renderSharedFile)),
    entry.edited && h('span', { class: 'sk-edited' }, '(edited)'),
  ];
  return h(
    'div',
    {
      class: `sk-message${entry.ephemeral ? ' sk-ephemeral' : ''}${follows ? ' sk-follows' : ''}`,
      dataset: { ts: entry.ts, ephemeral: String(entry.ephemeral) },
    },
    // Without an emoji font the eye would be an empty box.
    entry.ephemeral &&
      h('div', { class: 'sk-only-you' }, COLOUR_EMOJI && h('span', {}, '👁'), 'Only visible to you'),
    !entry.ephemeral && messageActions(entry),
    follows
      ? h(
          'div',
          { class: 'sk-message-row' },
          h('span', { class: 'sk-gutter' }, time('sk-gutter-time')),
          h('div', { class: 'sk-message-content' }, body),
        )
      : h(
          'div',
          { class: 'sk-message-row' },
          h('span', { class: 'sk-app-avatar' }, 'tb'),
          h(
            'div',
            { class: 'sk-message-content' },
            h(
              'div',
              { class: 'sk-message-header' },
              h('span', { class: 'sk-sender' }, S.state.bot.name),
              h('span', { class: 'sk-app-badge' }, 'APP'),
              time('sk-time'),
            ),
            body,
          ),
        ),
  );
}

/** A file shared with a message, as Slack shows it: a card with its kind, name and size that downloads it. */
function renderSharedFile(file) {
  return h(
    'a',
    { class: 'sk-attachment', href: file.download, download: file.name, title: `Download ${file.name}` },
    h('span', { class: 'sk-attachment-icon' }, extension(file.name).toUpperCase() || 'FILE'),
    h(
      'span',
      { class: 'sk-attachment-body' },
      h('span', { class: 'sk-attachment-name' }, file.name),
      h('span', { class: 'sk-attachment-meta' }, `${file.prettyType} · ${fileSize(file.size)}`),
    ),
  );
}

/** The message's "More actions" menu: the app's message shortcuts. */
function messageActions(entry) {
  const shortcuts = S.state.shortcuts.filter((s) => s.type === 'message');
  if (!shortcuts.length) return null;
  return h(
    'div',
    { class: 'sk-message-actions' },
    overflowMenu(
      {
        options: shortcuts.map((s) => ({
          text: { type: 'plain_text', text: `${s.name} (touchbase)` },
          value: s.callbackId,
        })),
      },
      (option) =>
        act('/api/shortcut', { callbackId: option.value, messageTs: entry.ts }).catch(() => undefined),
    ),
  );
}

function renderHome() {
  const { state } = S;
  const home = state.home;
  const key = JSON.stringify([
    state.user.id,
    home?.id,
    home?.hash,
    state.people,
    state.workspace.uninstalledAt,
  ]);
  if (key === S.rendered.home) return;
  S.rendered.home = key;
  const box = $('#home');
  if (state.workspace.uninstalledAt) {
    box.replaceChildren(appIntro(h('div', {}, 'touchbase is not installed in this workspace.')));
    return;
  }
  if (!home) {
    box.replaceChildren(appIntro(h('div', {}, 'The app has not published a Home tab for you yet.')));
    return;
  }
  box.replaceChildren(renderBlocks(home.blocks, { container: { type: 'view', viewId: home.id } }));
}

function renderModal() {
  const modals = S.state.modals;
  const top = modals.at(-1);
  const root = $('#modal-root');
  const key = top
    ? JSON.stringify([top.id, top.hash, modals.length, S.errors[top.id], S.problems[top.id]])
    : '';
  if (key === S.rendered.modal) return;
  S.rendered.modal = key;
  if (!top) {
    root.replaceChildren();
    return;
  }
  const focused = document.activeElement?.id;
  const ctx = {
    viewId: top.id,
    container: { type: 'view', viewId: top.id },
    errors: S.errors[top.id] || {},
  };
  const submit = h(
    'button',
    { type: 'submit', class: 'sk-btn sk-btn-lg sk-btn-primary' },
    h('span', { html: plainText(top.submit) }),
  );
  const form = h(
    'form',
    {
      class: 'sk-modal',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-label': top.title?.text,
      dataset: { viewId: top.id, callbackId: top.callback_id },
      onsubmit: (e) => {
        e.preventDefault();
        submitModal(top, submit);
      },
    },
    h(
      'div',
      { class: 'sk-modal-header' },
      modals.length > 1 &&
        h(
          'button',
          {
            type: 'button',
            class: 'sk-modal-back',
            'aria-label': 'Back',
            onclick: () => closeModal(top, false),
          },
          '←',
        ),
      h('span', { class: 'sk-app-avatar' }, 'tb'),
      h('h2', { class: 'sk-modal-title', html: plainText(top.title) }),
      h(
        'button',
        { type: 'button', class: 'sk-modal-x', 'aria-label': 'Close', onclick: () => closeModal(top, true) },
        '×',
      ),
    ),
    h(
      'div',
      { class: 'sk-modal-body' },
      S.problems[top.id] && h('div', { class: 'sk-modal-problem', role: 'alert' }, S.problems[top.id]),
      renderBlocks(top.blocks, ctx),
    ),
    h(
      'div',
      { class: 'sk-modal-footer' },
      h(
        'button',
        { type: 'button', class: 'sk-btn sk-btn-lg', onclick: () => closeModal(top, false) },
        h('span', { html: plainText(top.close || { text: 'Close' }) }),
      ),
      top.submit && submit,
    ),
  );
  root.replaceChildren(h('div', { class: 'sk-overlay' }, form));
  // After errors, the first field in error; otherwise where the member was, or the first field.
  const target =
    form.querySelector('.sk-has-error input, .sk-has-error textarea, .sk-has-error select') ||
    (focused && document.getElementById(focused)) ||
    form.querySelector('input, textarea, select');
  target?.focus();
}

// --- what the member does -----------------------------------------------------------------------------

async function submitModal(view, button) {
  button.disabled = true;
  try {
    // Slack's submit waits for a file still uploading.
    await S.uploading[view.id];
    const result = await api('/api/submit', {
      user: S.user,
      viewId: view.id,
      values: S.values[view.id] || {},
    });
    if (result.action === 'errors' && result.errors) {
      S.errors[view.id] = result.errors;
      delete S.problems[view.id];
    } else if (result.problem) {
      S.problems[view.id] = `We had some trouble connecting. Try again? (${result.problem})`;
    } else {
      delete S.errors[view.id];
      delete S.problems[view.id];
    }
  } catch (err) {
    S.problems[view.id] = `We had some trouble connecting. Try again? (${err.message})`;
  } finally {
    button.disabled = false;
  }
  S.rendered.modal = null;
  refreshSoon();
}

function closeModal(view, wholeStack) {
  act('/api/close', { viewId: view.id, wholeStack }).catch(() => undefined);
}

async function sendCommand(text) {
  const notice = $('#notice');
  notice.hidden = true;
  const result = await act('/api/command', { text });
  if (result.notice) {
    notice.textContent = result.notice;
    notice.hidden = false;
    return false;
  }
  return true;
}

function switchMember(userId) {
  if (userId === S.user) return;
  S.user = userId;
  S.rendered = { timeline: null, modal: null, home: null, members: null, me: null };
  history.replaceState(null, '', `?user=${encodeURIComponent(userId)}`);
  if (S.tab === 'home') openHomeTab();
  else refreshSoon();
}

function openHomeTab() {
  S.tab = 'home';
  if (S.state) renderTabs();
  // Slack tells the app each time the member opens the tab; the app answers with views.publish.
  act('/api/home', {}).catch(() => undefined);
}

let toastTimer;
/** A note over the page for a while: a line, and under it one line per entry of `lines`. */
function toast(message, lines = [], seconds = 5) {
  const el = $('#toast');
  el.replaceChildren(h('div', {}, message));
  if (lines.length > 0)
    el.append(
      h(
        'ul',
        { class: 'sk-toast-lines' },
        lines.map((line) => h('li', {}, line)),
      ),
    );
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, seconds * 1000);
}

function showError(err) {
  toast(`Something went wrong: ${err.message}`);
}

/** Who got what from the worker at each member's digest time, the hour as that member reads it. */
function describeAdvance(result) {
  const lines = result.members.map((m) => {
    const person = S.state.people.find((p) => p.id === m.userId);
    const their = (options) =>
      new Intl.DateTimeFormat(person?.locale, { timeZone: person?.tz, ...options }).format(
        new Date(m.morning),
      );
    const morning = `${their({ weekday: 'short' })} ${their({ timeStyle: 'short' })}`;
    const where = person?.tz.split('/').pop().replace(/_/g, ' ');
    // What Slack would put in the notification: mrkdwn (names escaped, maybe a date token).
    const got = m.received.length
      ? m.received.map((text) => `got “${mrkdwn(text)}”`).join(' and ')
      : 'nothing was due';
    return h('span', { html: `${escapeHtml(`${m.name}, ${morning} in ${where}`)}: ${got}` });
  });
  const { retried, failed } = result.report;
  if (retried) lines.push(`${retried} digest${retried === 1 ? '' : 's'} to retry`);
  if (failed) lines.push(`${failed} digest${failed === 1 ? '' : 's'} failed`);
  return lines;
}

for (const button of document.querySelectorAll('[data-step]')) {
  button.addEventListener('click', async () => {
    const buttons = document.querySelectorAll('[data-step]');
    for (const b of buttons) b.disabled = true;
    try {
      const result = await act('/api/clock', { step: button.dataset.step });
      toast(
        `Moved to ${formatClock(result.now)}. The reminder worker ran at each member's digest time:`,
        describeAdvance(result),
        12,
      );
      if (S.tab === 'home') openHomeTab();
    } catch {
      // act() has shown it.
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
}

for (const button of document.querySelectorAll('.sk-tabs button')) {
  button.addEventListener('click', () => {
    if (button.dataset.tab === 'home') {
      openHomeTab();
      return;
    }
    S.tab = button.dataset.tab;
    renderTabs();
  });
}

$('#shortcuts-button').addEventListener('click', (e) => {
  e.stopPropagation();
  const menu = $('#shortcuts-menu');
  const globals = S.state?.shortcuts.filter((s) => s.type === 'global') ?? [];
  menu.replaceChildren(
    ...globals.map((s) =>
      menuItem(
        menu,
        () => act('/api/shortcut', { callbackId: s.callbackId }).catch(() => undefined),
        h('b', {}, s.name),
        h('span', { class: 'sk-menu-description' }, `touchbase · ${s.description}`),
      ),
    ),
  );
  if (!globals.length) menu.append(h('div', { class: 'sk-menu-empty' }, 'No shortcuts'));
  toggleMenu(menu);
});

$('#hint-close').addEventListener('click', () => {
  S.hintClosed = true;
  renderHint();
});
$('#emoji-note').hidden = COLOUR_EMOJI;

const composer = $('#composer');
$('#composer-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = composer.value.trim();
  if (!text) return;
  try {
    if (await sendCommand(text)) composer.value = '';
  } catch {
    // act() has shown it.
  }
});
composer.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    $('#composer-form').requestSubmit();
  }
});

poll();
