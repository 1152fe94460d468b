/* variete-request.c
 *
 * Everything the artist asks the API for, one property per API field (API.md, Create), named as
 * the GSettings keys so the form and the settings bind to it directly. The setters take any
 * value; variete_request_validate() says what is wrong, and variete_request_to_json() applies
 * the sending rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include <glib/gi18n-lib.h>

#include "variete-artwork.h"
#include "variete-request.h"

struct _VarieteRequest
{
  GObject  parent_instance;

  char    *source_url;
  char    *model;
  char    *prompt;
  char    *negative_prompt;
  char    *style;
  char    *processing_mode;
  char    *prompt_mode;
  char    *size_mode;
  char    *aspect_ratio;
  char    *color_tone;
  char    *webhook;

  int      batch;
  int      creativity;
  int      details;
  int      denoising;
  int      width;
  int      height;

  guint    nsfw : 1;
  guint    transparent_background : 1;
  guint    uses_denoising : 1;
};

G_DEFINE_FINAL_TYPE (VarieteRequest, variete_request, G_TYPE_OBJECT)

G_DEFINE_QUARK (variete-request-error-quark, variete_request_error)

enum {
  PROP_0,
  PROP_SOURCE_URL,
  PROP_MODEL,
  PROP_BATCH,
  PROP_PROMPT,
  PROP_NEGATIVE_PROMPT,
  PROP_STYLE,
  PROP_PROCESSING_MODE,
  PROP_PROMPT_MODE,
  PROP_CREATIVITY,
  PROP_DETAILS,
  PROP_DENOISING,
  PROP_SIZE_MODE,
  PROP_ASPECT_RATIO,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_NSFW,
  PROP_TRANSPARENT_BACKGROUND,
  PROP_COLOR_TONE,
  PROP_WEBHOOK,
  PROP_USES_DENOISING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Stores @value in @field and notifies @prop, unless nothing changed. */
static gboolean
set_string (VarieteRequest  *self,
            char           **field,
            const char      *value,
            int              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);

  return TRUE;
}

static gboolean
set_int (VarieteRequest *self,
         int            *field,
         int             value,
         int             prop)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);

  return TRUE;
}

static void
variete_request_finalize (GObject *object)
{
  VarieteRequest *self = (VarieteRequest *)object;

  g_clear_pointer (&self->source_url, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->negative_prompt, g_free);
  g_clear_pointer (&self->style, g_free);
  g_clear_pointer (&self->processing_mode, g_free);
  g_clear_pointer (&self->prompt_mode, g_free);
  g_clear_pointer (&self->size_mode, g_free);
  g_clear_pointer (&self->aspect_ratio, g_free);
  g_clear_pointer (&self->color_tone, g_free);
  g_clear_pointer (&self->webhook, g_free);

  G_OBJECT_CLASS (variete_request_parent_class)->finalize (object);
}

static void
variete_request_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VarieteRequest *self = VARIETE_REQUEST (object);

  switch (prop_id)
    {
    case PROP_SOURCE_URL:
      g_value_set_string (value, self->source_url);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_BATCH:
      g_value_set_int (value, self->batch);
      break;

    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;

    case PROP_NEGATIVE_PROMPT:
      g_value_set_string (value, self->negative_prompt);
      break;

    case PROP_STYLE:
      g_value_set_string (value, self->style);
      break;

    case PROP_PROCESSING_MODE:
      g_value_set_string (value, self->processing_mode);
      break;

    case PROP_PROMPT_MODE:
      g_value_set_string (value, self->prompt_mode);
      break;

    case PROP_CREATIVITY:
      g_value_set_int (value, self->creativity);
      break;

    case PROP_DETAILS:
      g_value_set_int (value, self->details);
      break;

    case PROP_DENOISING:
      g_value_set_int (value, self->denoising);
      break;

    case PROP_SIZE_MODE:
      g_value_set_string (value, self->size_mode);
      break;

    case PROP_ASPECT_RATIO:
      g_value_set_string (value, self->aspect_ratio);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;

    case PROP_NSFW:
      g_value_set_boolean (value, self->nsfw);
      break;

    case PROP_TRANSPARENT_BACKGROUND:
      g_value_set_boolean (value, self->transparent_background);
      break;

    case PROP_COLOR_TONE:
      g_value_set_string (value, self->color_tone);
      break;

    case PROP_WEBHOOK:
      g_value_set_string (value, self->webhook);
      break;

    case PROP_USES_DENOISING:
      g_value_set_boolean (value, self->uses_denoising);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_request_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VarieteRequest *self = VARIETE_REQUEST (object);

  switch (prop_id)
    {
    case PROP_SOURCE_URL:
      variete_request_set_source_url (self, g_value_get_string (value));
      break;

    case PROP_MODEL:
      variete_request_set_model (self, g_value_get_string (value));
      break;

    case PROP_BATCH:
      variete_request_set_batch (self, g_value_get_int (value));
      break;

    case PROP_PROMPT:
      variete_request_set_prompt (self, g_value_get_string (value));
      break;

    case PROP_NEGATIVE_PROMPT:
      variete_request_set_negative_prompt (self, g_value_get_string (value));
      break;

    case PROP_STYLE:
      variete_request_set_style (self, g_value_get_string (value));
      break;

    case PROP_PROCESSING_MODE:
      variete_request_set_processing_mode (self, g_value_get_string (value));
      break;

    case PROP_PROMPT_MODE:
      variete_request_set_prompt_mode (self, g_value_get_string (value));
      break;

    case PROP_CREATIVITY:
      variete_request_set_creativity (self, g_value_get_int (value));
      break;

    case PROP_DETAILS:
      variete_request_set_details (self, g_value_get_int (value));
      break;

    case PROP_DENOISING:
      variete_request_set_denoising (self, g_value_get_int (value));
      break;

    case PROP_SIZE_MODE:
      variete_request_set_size_mode (self, g_value_get_string (value));
      break;

    case PROP_ASPECT_RATIO:
      variete_request_set_aspect_ratio (self, g_value_get_string (value));
      break;

    case PROP_WIDTH:
      variete_request_set_width (self, g_value_get_int (value));
      break;

    case PROP_HEIGHT:
      variete_request_set_height (self, g_value_get_int (value));
      break;

    case PROP_NSFW:
      variete_request_set_nsfw (self, g_value_get_boolean (value));
      break;

    case PROP_TRANSPARENT_BACKGROUND:
      variete_request_set_transparent_background (self, g_value_get_boolean (value));
      break;

    case PROP_COLOR_TONE:
      variete_request_set_color_tone (self, g_value_get_string (value));
      break;

    case PROP_WEBHOOK:
      variete_request_set_webhook (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name,
              const char *default_value)
{
  return g_param_spec_string (name, NULL, NULL, default_value,
                              (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
int_param (const char *name,
           int         minimum,
           int         maximum,
           int         default_value)
{
  return g_param_spec_int (name, NULL, NULL, minimum, maximum, default_value,
                           (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                            G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
boolean_param (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                G_PARAM_STATIC_STRINGS));
}

static void
variete_request_class_init (VarieteRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = variete_request_finalize;
  object_class->get_property = variete_request_get_property;
  object_class->set_property = variete_request_set_property;

  /* The source image as a URL: https://, data:image/… or loopback http://; %NULL when unset. */
  properties [PROP_SOURCE_URL] = string_param ("source-url", NULL);
  properties [PROP_MODEL] =
    string_param ("model", variete_enum_get_default (VARIETE_ENUM_MODEL));
  properties [PROP_BATCH] =
    int_param ("batch", VARIETE_MIN_BATCH, VARIETE_MAX_BATCH, VARIETE_DEFAULT_BATCH);
  properties [PROP_PROMPT] = string_param ("prompt", VARIETE_DEFAULT_PROMPT);
  properties [PROP_NEGATIVE_PROMPT] = string_param ("negative-prompt", "");
  properties [PROP_STYLE] =
    string_param ("style", variete_enum_get_default (VARIETE_ENUM_STYLE));
  properties [PROP_PROCESSING_MODE] =
    string_param ("processing-mode", variete_enum_get_default (VARIETE_ENUM_PROCESSING_MODE));
  properties [PROP_PROMPT_MODE] =
    string_param ("prompt-mode", variete_enum_get_default (VARIETE_ENUM_PROMPT_MODE));
  properties [PROP_CREATIVITY] =
    int_param ("creativity", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH,
               VARIETE_DEFAULT_STRENGTH);
  properties [PROP_DETAILS] =
    int_param ("details", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH, VARIETE_DEFAULT_STRENGTH);
  properties [PROP_DENOISING] =
    int_param ("denoising", VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH,
               VARIETE_DEFAULT_STRENGTH);
  properties [PROP_SIZE_MODE] = string_param ("size-mode", VARIETE_SIZE_MODE_ASPECT);
  properties [PROP_ASPECT_RATIO] =
    string_param ("aspect-ratio", variete_enum_get_default (VARIETE_ENUM_ASPECT_RATIO));
  properties [PROP_WIDTH] =
    int_param ("width", VARIETE_MIN_SIDE, VARIETE_MAX_SIDE, VARIETE_DEFAULT_SIDE);
  properties [PROP_HEIGHT] =
    int_param ("height", VARIETE_MIN_SIDE, VARIETE_MAX_SIDE, VARIETE_DEFAULT_SIDE);
  properties [PROP_NSFW] = boolean_param ("nsfw");
  properties [PROP_TRANSPARENT_BACKGROUND] = boolean_param ("transparent-background");
  properties [PROP_COLOR_TONE] =
    string_param ("color-tone", variete_enum_get_default (VARIETE_ENUM_COLOR_TONE));
  properties [PROP_WEBHOOK] = string_param ("webhook", "");

  /* Whether the processing mode uses denoising, so the form can grey the control out. */
  properties [PROP_USES_DENOISING] =
    g_param_spec_boolean ("uses-denoising", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
variete_request_init (VarieteRequest *self)
{
  self->model = g_strdup (variete_enum_get_default (VARIETE_ENUM_MODEL));
  self->batch = VARIETE_DEFAULT_BATCH;
  self->prompt = g_strdup (VARIETE_DEFAULT_PROMPT);
  self->negative_prompt = g_strdup ("");
  self->style = g_strdup (variete_enum_get_default (VARIETE_ENUM_STYLE));
  self->processing_mode = g_strdup (variete_enum_get_default (VARIETE_ENUM_PROCESSING_MODE));
  self->prompt_mode = g_strdup (variete_enum_get_default (VARIETE_ENUM_PROMPT_MODE));
  self->creativity = VARIETE_DEFAULT_STRENGTH;
  self->details = VARIETE_DEFAULT_STRENGTH;
  self->denoising = VARIETE_DEFAULT_STRENGTH;
  self->size_mode = g_strdup (VARIETE_SIZE_MODE_ASPECT);
  self->aspect_ratio = g_strdup (variete_enum_get_default (VARIETE_ENUM_ASPECT_RATIO));
  self->width = VARIETE_DEFAULT_SIDE;
  self->height = VARIETE_DEFAULT_SIDE;
  self->color_tone = g_strdup (variete_enum_get_default (VARIETE_ENUM_COLOR_TONE));
  self->webhook = g_strdup ("");
  self->uses_denoising = variete_processing_mode_uses_denoising (self->processing_mode);
}

VarieteRequest *
variete_request_new (void)
{
  return g_object_new (VARIETE_TYPE_REQUEST, NULL);
}

/**
 * variete_request_copy:
 * @self: a #VarieteRequest
 *
 * Returns: (transfer full): a new request with the same fields, source included
 */
VarieteRequest *
variete_request_copy (VarieteRequest *self)
{
  VarieteRequest *copy;

  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  copy = variete_request_new ();
  variete_request_set_source_url (copy, self->source_url);
  variete_request_assign_fields (copy, self);

  return copy;
}

/* Gives @self every form field of @other (restoring a past job into the form); the source image
 * is not a form field and stays. */
void
variete_request_assign_fields (VarieteRequest *self,
                               VarieteRequest *other)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));
  g_return_if_fail (VARIETE_IS_REQUEST (other));

  g_object_freeze_notify (G_OBJECT (self));
  variete_request_set_model (self, other->model);
  variete_request_set_batch (self, other->batch);
  variete_request_set_prompt (self, other->prompt);
  variete_request_set_negative_prompt (self, other->negative_prompt);
  variete_request_set_style (self, other->style);
  variete_request_set_processing_mode (self, other->processing_mode);
  variete_request_set_prompt_mode (self, other->prompt_mode);
  variete_request_set_creativity (self, other->creativity);
  variete_request_set_details (self, other->details);
  variete_request_set_denoising (self, other->denoising);
  variete_request_set_size_mode (self, other->size_mode);
  variete_request_set_aspect_ratio (self, other->aspect_ratio);
  variete_request_set_width (self, other->width);
  variete_request_set_height (self, other->height);
  variete_request_set_nsfw (self, other->nsfw);
  variete_request_set_transparent_background (self, other->transparent_background);
  variete_request_set_color_tone (self, other->color_tone);
  variete_request_set_webhook (self, other->webhook);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Puts every field back to its default; the source image is kept. */
void
variete_request_reset (VarieteRequest *self)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  g_object_freeze_notify (G_OBJECT (self));

  variete_request_set_model (self, NULL);
  variete_request_set_batch (self, VARIETE_DEFAULT_BATCH);
  variete_request_set_prompt (self, VARIETE_DEFAULT_PROMPT);
  variete_request_set_negative_prompt (self, NULL);
  variete_request_set_style (self, NULL);
  variete_request_set_processing_mode (self, NULL);
  variete_request_set_prompt_mode (self, NULL);
  variete_request_set_creativity (self, VARIETE_DEFAULT_STRENGTH);
  variete_request_set_details (self, VARIETE_DEFAULT_STRENGTH);
  variete_request_set_denoising (self, VARIETE_DEFAULT_STRENGTH);
  variete_request_set_size_mode (self, NULL);
  variete_request_set_aspect_ratio (self, NULL);
  variete_request_set_width (self, VARIETE_DEFAULT_SIDE);
  variete_request_set_height (self, VARIETE_DEFAULT_SIDE);
  variete_request_set_nsfw (self, FALSE);
  variete_request_set_transparent_background (self, FALSE);
  variete_request_set_color_tone (self, NULL);
  variete_request_set_webhook (self, NULL);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Returns: whether every field of @self and @other (source included) is the same */
gboolean
variete_request_equal (VarieteRequest *self,
                       VarieteRequest *other)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (VARIETE_IS_REQUEST (other), FALSE);

  return g_strcmp0 (self->source_url, other->source_url) == 0 &&
         g_str_equal (self->model, other->model) &&
         self->batch == other->batch &&
         g_str_equal (self->prompt, other->prompt) &&
         g_str_equal (self->negative_prompt, other->negative_prompt) &&
         g_str_equal (self->style, other->style) &&
         g_str_equal (self->processing_mode, other->processing_mode) &&
         g_str_equal (self->prompt_mode, other->prompt_mode) &&
         self->creativity == other->creativity &&
         self->details == other->details &&
         self->denoising == other->denoising &&
         g_str_equal (self->size_mode, other->size_mode) &&
         g_str_equal (self->aspect_ratio, other->aspect_ratio) &&
         self->width == other->width &&
         self->height == other->height &&
         self->nsfw == other->nsfw &&
         self->transparent_background == other->transparent_background &&
         g_str_equal (self->color_tone, other->color_tone) &&
         g_str_equal (self->webhook, other->webhook);
}

/* Words and warnings */

/* The server splits on JavaScript's \s: Unicode white space, plus the vertical tab and the BOM,
 * which g_unichar_isspace() leaves out. */
static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == '\v' || c == 0xFEFF;
}

/* Reads one character at @p; a byte that is not valid UTF-8 counts as a letter. */
static const char *
next_char (const char *p,
           gunichar   *c)
{
  gunichar ch = g_utf8_get_char_validated (p, -1);

  if (ch == (gunichar) -1 || ch == (gunichar) -2)
    {
      *c = 0xFFFD;
      return p + 1;
    }

  *c = ch;
  return g_utf8_next_char (p);
}

/* Returns: the number of runs of non-white-space characters in @text, as the server counts */
guint
variete_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint n_words = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c;

      p = next_char (p, &c);
      if (is_space (c))
        {
          in_word = FALSE;
        }
      else if (!in_word)
        {
          in_word = TRUE;
          n_words++;
        }
    }

  return n_words;
}

/**
 * variete_words_cut_offset:
 * @text: (nullable): a prompt
 * @max_words: how many words the server keeps
 *
 * Returns: the byte offset in @text where word number @max_words + 1 starts, the part the
 *   server drops; the length of @text when nothing is dropped
 */
gsize
variete_words_cut_offset (const char *text,
                          guint       max_words)
{
  gboolean in_word = FALSE;
  guint n_words = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0';)
    {
      const char *start = p;
      gunichar c;

      p = next_char (p, &c);
      if (is_space (c))
        {
          in_word = FALSE;
        }
      else if (!in_word)
        {
          in_word = TRUE;
          if (n_words++ == max_words)
            return (gsize) (start - text);
        }
    }

  return strlen (text);
}

/**
 * variete_request_dup_warnings:
 * @self: a #VarieteRequest
 *
 * Over-long prompts are not errors, since the server silently truncates them, but the artist
 * should know.
 *
 * Returns: (transfer full) (nullable): one translated line per warning, or %NULL
 */
char *
variete_request_dup_warnings (VarieteRequest *self)
{
  g_autoptr(GString) str = NULL;
  guint n_words;

  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  str = g_string_new (NULL);

  n_words = variete_count_words (self->prompt);
  if (n_words > VARIETE_MAX_PROMPT_WORDS)
    g_string_append_printf (str,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The prompt has %u word; the server ignores every word "
                                         "after the first %u.",
                                         "The prompt has %u words; the server ignores every word "
                                         "after the first %u.",
                                         n_words),
                            n_words, (guint) VARIETE_MAX_PROMPT_WORDS);

  n_words = variete_count_words (self->negative_prompt);
  if (n_words > VARIETE_MAX_NEGATIVE_PROMPT_WORDS)
    {
      if (str->len > 0)
        g_string_append_c (str, '\n');
      g_string_append_printf (str,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The negative prompt has %u word; the server ignores "
                                           "every word after the first %u.",
                                           "The negative prompt has %u words; the server ignores "
                                           "every word after the first %u.",
                                           n_words),
                              n_words, (guint) VARIETE_MAX_NEGATIVE_PROMPT_WORDS);
    }

  if (str->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* Validation */

static gboolean
validate_enum (VarieteEnumKind   kind,
               const char       *value,
               GError          **error)
{
  if (variete_enum_lookup (kind, value) != NULL)
    return TRUE;

  g_set_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE,
               /* Translators: the first %s is a field such as "Style", the second its value */
               _("%s “%s” is unknown. Choose one from the list."),
               variete_enum_get_title (kind), value);
  return FALSE;
}

static gboolean
validate_range (const char  *title,
                int          value,
                int          minimum,
                int          maximum,
                GError     **error)
{
  if (value >= minimum && value <= maximum)
    return TRUE;

  g_set_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE,
               /* Translators: %s is a field such as "Creativity" */
               _("%s must be between %d and %d, not %d."),
               title, minimum, maximum, value);
  return FALSE;
}

/**
 * variete_request_validate_size:
 * @width: the width in pixels
 * @height: the height in pixels
 * @error: return location for a %VARIETE_REQUEST_ERROR_SIZE error
 *
 * Returns: whether the API accepts a custom size of @width × @height
 */
gboolean
variete_request_validate_size (int      width,
                               int      height,
                               GError **error)
{
  g_autofree char *area = NULL;
  g_autofree char *limit = NULL;

  if (width < VARIETE_MIN_SIDE || width > VARIETE_MAX_SIDE)
    {
      g_set_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_SIZE,
                   _("The width must be between %d and %d px, not %d."),
                   VARIETE_MIN_SIDE, VARIETE_MAX_SIDE, width);
      return FALSE;
    }

  if (height < VARIETE_MIN_SIDE || height > VARIETE_MAX_SIDE)
    {
      g_set_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_SIZE,
                   _("The height must be between %d and %d px, not %d."),
                   VARIETE_MIN_SIDE, VARIETE_MAX_SIDE, height);
      return FALSE;
    }

  if ((gint64) width * height <= VARIETE_MAX_AREA)
    return TRUE;

  area = variete_format_grouped ((gint64) width * height);
  limit = variete_format_grouped (VARIETE_MAX_AREA);
  g_set_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_SIZE,
               /* Translators: "1400 × 1200 = 1,680,000 px is over the 1,478,656 px limit." */
               _("%d × %d = %s px is over the %s px limit. Make the image smaller."),
               width, height, area, limit);
  return FALSE;
}

static gboolean
address_is_public (GInetAddress *address)
{
  static const guint8 nat64_prefix[12] = { 0x00, 0x64, 0xff, 0x9b };
  const guint8 *bytes = g_inet_address_to_bytes (address);
  guint8 zeros[10] = { 0 };

  if (g_inet_address_get_is_any (address) ||
      g_inet_address_get_is_loopback (address) ||
      g_inet_address_get_is_link_local (address) ||
      g_inet_address_get_is_site_local (address) ||
      g_inet_address_get_is_multicast (address))
    return FALSE;

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    {
      /* 0.0.0.0/8 is "this network", 100.64.0.0/10 the carrier-grade NAT space. */
      return bytes[0] != 0 &&
             bytes[0] != 255 &&
             !(bytes[0] == 100 && (bytes[1] & 0xc0) == 64);
    }

  /* fc00::/7, the unique local addresses. */
  if ((bytes[0] & 0xfe) == 0xfc)
    return FALSE;

  /* IPv4 addresses in IPv6 clothing (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:ab:cd::)
   * are judged by the IPv4 address they reach. */
  if ((memcmp (bytes, zeros, 10) == 0 &&
       ((bytes[10] == 0xff && bytes[11] == 0xff) || (bytes[10] == 0 && bytes[11] == 0))) ||
      memcmp (bytes, nat64_prefix, 12) == 0)
    {
      g_autoptr(GInetAddress) ipv4 = g_inet_address_new_from_bytes (bytes + 12,
                                                                     G_SOCKET_FAMILY_IPV4);
      return address_is_public (ipv4);
    }

  if (bytes[0] == 0x20 && bytes[1] == 0x02)
    {
      g_autoptr(GInetAddress) ipv4 = g_inet_address_new_from_bytes (bytes + 2,
                                                                     G_SOCKET_FAMILY_IPV4);
      return address_is_public (ipv4);
    }

  return TRUE;
}

/* Returns whether @host (as GUri gives it: lower or upper case, IPv6 without brackets) names
 * a machine on the public internet. Names are not resolved: only names that can never be
 * public are refused. */
static gboolean
host_is_public (const char *host)
{
  static const char * const private_suffixes[] = {
    ".localhost", ".local", ".internal", ".home.arpa",
  };
  g_autofree char *name = g_ascii_strdown (host, -1);
  g_autoptr(GInetAddress) address = NULL;
  const char *last_label;
  gsize len = strlen (name);

  if (len > 0 && name[len - 1] == '.')
    name[--len] = '\0';

  if (len == 0)
    return FALSE;

  if ((address = g_inet_address_new_from_string (name)))
    return address_is_public (address);

  /* Anything else that looks like an address (zone ids, "127.1", "0x7f000001", "2130706433")
   * is spelled in a way that only some resolvers understand: refuse it. */
  if (strchr (name, ':') != NULL || strchr (name, '%') != NULL)
    return FALSE;

  last_label = strrchr (name, '.');
  last_label = last_label ? last_label + 1 : name;
  if (g_ascii_isdigit (last_label[0]) || g_str_has_prefix (last_label, "0x"))
    return FALSE;

  /* A name without a dot only resolves on a local network. */
  if (strchr (name, '.') == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (private_suffixes); i++)
    {
      if (g_str_has_suffix (name, private_suffixes[i]) ||
          g_str_equal (name, private_suffixes[i] + 1))
        return FALSE;
    }

  return TRUE;
}

/**
 * variete_request_validate_webhook:
 * @url: (nullable): the webhook as typed; empty or blank means none
 * @error: return location for a %VARIETE_REQUEST_ERROR_WEBHOOK error
 *
 * Returns: whether the API would accept @url as a webhook: https:// with a public host
 */
gboolean
variete_request_validate_webhook (const char  *url,
                                  GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (url ? url : ""));
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (stripped[0] == '\0')
    return TRUE;

  uri = variete_uri_parse_web (stripped);
  if (uri == NULL)
    {
      g_set_error_literal (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_WEBHOOK,
                           _("The webhook is not a valid address. Enter a full https:// address or "
                             "leave it empty."));
      return FALSE;
    }

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    {
      g_set_error_literal (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_WEBHOOK,
                           _("The webhook must be an https:// address. Change it or leave it "
                             "empty."));
      return FALSE;
    }

  host = g_uri_get_host (uri);
  if (!host_is_public (host))
    {
      g_set_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_WEBHOOK,
                   _("The webhook must reach a public server, and %s is not one. Change it or "
                     "leave it empty."),
                   host);
      return FALSE;
    }

  return TRUE;
}

/**
 * variete_request_validate_source_url:
 * @url: (nullable): the source image as a URL
 * @error: return location for a #VARIETE_REQUEST_ERROR
 *
 * Returns: whether @url can be sent as imageUrl: https://, data:image/… or loopback http://
 */
gboolean
variete_request_validate_source_url (const char  *url,
                                     GError     **error)
{
  if (url == NULL || url[0] == '\0')
    {
      g_set_error_literal (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_NO_SOURCE,
                           _("There is no source image. Drop, paste or open an image first."));
      return FALSE;
    }

  if (g_ascii_strncasecmp (url, "data:image/", strlen ("data:image/")) == 0 ||
      variete_url_is_allowed (url))
    return TRUE;

  g_set_error_literal (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE,
                       _("The source image must be a local file or an https:// address. "
                         "Choose another image."));
  return FALSE;
}

/**
 * variete_request_validate_fields:
 * @self: a #VarieteRequest
 * @error: return location for a #VARIETE_REQUEST_ERROR
 *
 * Checks every field the form shows, in the order it shows them, but not the source image.
 *
 * Returns: whether the fields are acceptable to the API
 */
gboolean
variete_request_validate_fields (VarieteRequest  *self,
                                 GError         **error)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_enum (VARIETE_ENUM_MODEL, self->model, error) ||
      !validate_range (_("The number of images"), self->batch,
                       VARIETE_MIN_BATCH, VARIETE_MAX_BATCH, error) ||
      !validate_enum (VARIETE_ENUM_STYLE, self->style, error) ||
      !validate_enum (VARIETE_ENUM_PROCESSING_MODE, self->processing_mode, error) ||
      !validate_enum (VARIETE_ENUM_PROMPT_MODE, self->prompt_mode, error) ||
      !validate_range (_("Creativity"), self->creativity,
                       VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH, error) ||
      !validate_range (_("Details"), self->details,
                       VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH, error))
    return FALSE;

  if (self->uses_denoising &&
      !validate_range (_("Denoising"), self->denoising,
                       VARIETE_MIN_STRENGTH, VARIETE_MAX_STRENGTH, error))
    return FALSE;

  if (g_str_equal (self->size_mode, VARIETE_SIZE_MODE_ASPECT))
    {
      if (!validate_enum (VARIETE_ENUM_ASPECT_RATIO, self->aspect_ratio, error))
        return FALSE;
    }
  else if (g_str_equal (self->size_mode, VARIETE_SIZE_MODE_CUSTOM))
    {
      if (!variete_request_validate_size (self->width, self->height, error))
        return FALSE;
    }
  else
    {
      g_set_error (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE,
                   _("Size mode “%s” is unknown. Choose an aspect ratio or a custom size."),
                   self->size_mode);
      return FALSE;
    }

  return validate_enum (VARIETE_ENUM_COLOR_TONE, self->color_tone, error) &&
         variete_request_validate_webhook (self->webhook, error);
}

/**
 * variete_request_validate:
 * @self: a #VarieteRequest
 * @error: return location for a #VARIETE_REQUEST_ERROR
 *
 * Checks every field, then the source image last, so a form can show the field errors first.
 * Over-long prompts are not errors: see variete_request_dup_warnings().
 *
 * Returns: whether @self can be sent
 */
gboolean
variete_request_validate (VarieteRequest  *self,
                          GError         **error)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return variete_request_validate_fields (self, error) &&
         variete_request_validate_source_url (self->source_url, error);
}

/* JSON */

/**
 * variete_request_to_json:
 * @self: a #VarieteRequest
 *
 * Builds the body of the create request, applying the sending rules of API.md: every field the
 * form sets is sent, defaults included; denoising only for the modes that use it; aspectRatio or
 * width and height, never both; colorTone, webhook and negativePrompt only when set.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
variete_request_to_json (VarieteRequest *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *webhook = NULL;

  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  if (self->source_url != NULL)
    {
      json_builder_set_member_name (builder, "imageUrl");
      json_builder_add_string_value (builder, self->source_url);
    }

  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "batch");
  json_builder_add_int_value (builder, self->batch);
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, self->prompt);

  if (variete_count_words (self->negative_prompt) > 0)
    {
      json_builder_set_member_name (builder, "negativePrompt");
      json_builder_add_string_value (builder, self->negative_prompt);
    }

  json_builder_set_member_name (builder, "style");
  json_builder_add_string_value (builder, self->style);
  json_builder_set_member_name (builder, "processingMode");
  json_builder_add_string_value (builder, self->processing_mode);
  json_builder_set_member_name (builder, "promptMode");
  json_builder_add_string_value (builder, self->prompt_mode);
  json_builder_set_member_name (builder, "creativity");
  json_builder_add_int_value (builder, self->creativity);
  json_builder_set_member_name (builder, "details");
  json_builder_add_int_value (builder, self->details);

  if (self->uses_denoising)
    {
      json_builder_set_member_name (builder, "denoising");
      json_builder_add_int_value (builder, self->denoising);
    }

  if (g_str_equal (self->size_mode, VARIETE_SIZE_MODE_CUSTOM))
    {
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, self->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, self->height);
    }
  else
    {
      json_builder_set_member_name (builder, "aspectRatio");
      json_builder_add_string_value (builder, self->aspect_ratio);
    }

  json_builder_set_member_name (builder, "nsfw");
  json_builder_add_boolean_value (builder, self->nsfw);
  json_builder_set_member_name (builder, "transparentBackground");
  json_builder_add_boolean_value (builder, self->transparent_background);

  if (!g_str_equal (self->color_tone, VARIETE_COLOR_TONE_NONE))
    {
      json_builder_set_member_name (builder, "colorTone");
      json_builder_add_string_value (builder, self->color_tone);
    }

  webhook = g_strstrip (g_strdup (self->webhook));
  if (webhook[0] != '\0')
    {
      json_builder_set_member_name (builder, "webhook");
      json_builder_add_string_value (builder, webhook);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Returns: (transfer full): the body of the create request as compact JSON text */
char *
variete_request_to_json_string (VarieteRequest *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  root = variete_request_to_json (self);

  return json_to_string (root, FALSE);
}

static JsonNode *
get_value_member (JsonObject *object,
                  const char *name,
                  GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

static void
restore_string (VarieteRequest *self,
                JsonObject     *object,
                const char     *name,
                const char     *property)
{
  JsonNode *node = get_value_member (object, name, G_TYPE_STRING);

  if (node != NULL)
    g_object_set (self, property, json_node_get_string (node), NULL);
}

/* Restores an int member; the setter keeps out-of-range values for validation to report. */
static gboolean
restore_int (JsonObject *object,
             const char *name,
             int        *value)
{
  JsonNode *node = get_value_member (object, name, G_TYPE_INT64);
  gint64 number;

  if (node == NULL)
    return FALSE;

  number = json_node_get_int (node);
  *value = (int) CLAMP (number, G_MININT, G_MAXINT);

  return TRUE;
}

static void
restore_boolean (VarieteRequest *self,
                 JsonObject     *object,
                 const char     *name,
                 const char     *property)
{
  JsonNode *node = get_value_member (object, name, G_TYPE_BOOLEAN);

  if (node != NULL)
    g_object_set (self, property, json_node_get_boolean (node), NULL);
}

/**
 * variete_request_new_from_json:
 * @node: a JSON object as made by variete_request_to_json(), or the parameters of an artwork
 * @error: return location for a #VARIETE_REQUEST_ERROR
 *
 * Restores a past request. Unknown and wrong-typed members are ignored and missing ones keep
 * their default; aspectRatio selects the aspect size mode, width and height the custom one.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL if @node is not a JSON object
 */
VarieteRequest *
variete_request_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(VarieteRequest) self = NULL;
  JsonObject *object;
  gboolean has_aspect, has_width, has_height;
  int value;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, VARIETE_REQUEST_ERROR, VARIETE_REQUEST_ERROR_INVALID_VALUE,
                           _("The saved request is not a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);
  self = variete_request_new ();

  restore_string (self, object, "imageUrl", "source-url");
  restore_string (self, object, "model", "model");
  restore_string (self, object, "prompt", "prompt");
  restore_string (self, object, "negativePrompt", "negative-prompt");
  restore_string (self, object, "style", "style");
  restore_string (self, object, "processingMode", "processing-mode");
  restore_string (self, object, "promptMode", "prompt-mode");
  restore_string (self, object, "aspectRatio", "aspect-ratio");
  restore_string (self, object, "colorTone", "color-tone");
  restore_string (self, object, "webhook", "webhook");
  restore_boolean (self, object, "nsfw", "nsfw");
  restore_boolean (self, object, "transparentBackground", "transparent-background");

  if (restore_int (object, "batch", &value))
    variete_request_set_batch (self, value);
  if (restore_int (object, "creativity", &value))
    variete_request_set_creativity (self, value);
  if (restore_int (object, "details", &value))
    variete_request_set_details (self, value);
  if (restore_int (object, "denoising", &value))
    variete_request_set_denoising (self, value);
  if ((has_width = restore_int (object, "width", &value)))
    variete_request_set_width (self, value);
  if ((has_height = restore_int (object, "height", &value)))
    variete_request_set_height (self, value);

  has_aspect = get_value_member (object, "aspectRatio", G_TYPE_STRING) != NULL;
  if (!has_aspect && has_width && has_height)
    variete_request_set_size_mode (self, VARIETE_SIZE_MODE_CUSTOM);

  return g_steal_pointer (&self);
}

/* Getters and setters */

/* Returns: (nullable): the source image as a URL, %NULL when there is none */
const char *
variete_request_get_source_url (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->source_url;
}

/* An empty @source_url means no source, like %NULL. */
void
variete_request_set_source_url (VarieteRequest *self,
                                const char     *source_url)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (source_url != NULL && source_url[0] == '\0')
    source_url = NULL;

  set_string (self, &self->source_url, source_url, PROP_SOURCE_URL);
}

const char *
variete_request_get_model (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->model;
}

/* Sets the model by API value; %NULL selects the default. */
void
variete_request_set_model (VarieteRequest *self,
                           const char     *model)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (model == NULL)
    model = variete_enum_get_default (VARIETE_ENUM_MODEL);

  set_string (self, &self->model, model, PROP_MODEL);
}

int
variete_request_get_batch (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->batch;
}

void
variete_request_set_batch (VarieteRequest *self,
                           int             batch)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->batch, batch, PROP_BATCH);
}

const char *
variete_request_get_prompt (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->prompt;
}

/* %NULL means an empty prompt. */
void
variete_request_set_prompt (VarieteRequest *self,
                            const char     *prompt)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_string (self, &self->prompt, prompt ? prompt : "", PROP_PROMPT);
}

const char *
variete_request_get_negative_prompt (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->negative_prompt;
}

void
variete_request_set_negative_prompt (VarieteRequest *self,
                                     const char     *negative_prompt)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_string (self, &self->negative_prompt, negative_prompt ? negative_prompt : "",
              PROP_NEGATIVE_PROMPT);
}

const char *
variete_request_get_style (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->style;
}

/* Sets the style by API value; %NULL selects the default. */
void
variete_request_set_style (VarieteRequest *self,
                           const char     *style)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (style == NULL)
    style = variete_enum_get_default (VARIETE_ENUM_STYLE);

  set_string (self, &self->style, style, PROP_STYLE);
}

const char *
variete_request_get_processing_mode (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->processing_mode;
}

/* Sets the processing mode by API value; %NULL selects the default. */
void
variete_request_set_processing_mode (VarieteRequest *self,
                                     const char     *processing_mode)
{
  gboolean uses_denoising;

  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (processing_mode == NULL)
    processing_mode = variete_enum_get_default (VARIETE_ENUM_PROCESSING_MODE);

  if (!set_string (self, &self->processing_mode, processing_mode, PROP_PROCESSING_MODE))
    return;

  uses_denoising = variete_processing_mode_uses_denoising (processing_mode);
  if (uses_denoising != self->uses_denoising)
    {
      self->uses_denoising = uses_denoising;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USES_DENOISING]);
    }
}

const char *
variete_request_get_prompt_mode (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->prompt_mode;
}

/* Sets the prompt mode by API value; %NULL selects the default. */
void
variete_request_set_prompt_mode (VarieteRequest *self,
                                 const char     *prompt_mode)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (prompt_mode == NULL)
    prompt_mode = variete_enum_get_default (VARIETE_ENUM_PROMPT_MODE);

  set_string (self, &self->prompt_mode, prompt_mode, PROP_PROMPT_MODE);
}

int
variete_request_get_creativity (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->creativity;
}

void
variete_request_set_creativity (VarieteRequest *self,
                                int             creativity)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->creativity, creativity, PROP_CREATIVITY);
}

int
variete_request_get_details (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->details;
}

void
variete_request_set_details (VarieteRequest *self,
                             int             details)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->details, details, PROP_DETAILS);
}

int
variete_request_get_denoising (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->denoising;
}

void
variete_request_set_denoising (VarieteRequest *self,
                               int             denoising)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->denoising, denoising, PROP_DENOISING);
}

/* Returns: whether the API uses denoising with the current processing mode */
gboolean
variete_request_get_uses_denoising (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);

  return self->uses_denoising;
}

/* Returns: %VARIETE_SIZE_MODE_ASPECT or %VARIETE_SIZE_MODE_CUSTOM (or what was set) */
const char *
variete_request_get_size_mode (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->size_mode;
}

/* %NULL selects the default, %VARIETE_SIZE_MODE_ASPECT. */
void
variete_request_set_size_mode (VarieteRequest *self,
                               const char     *size_mode)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_string (self, &self->size_mode, size_mode ? size_mode : VARIETE_SIZE_MODE_ASPECT,
              PROP_SIZE_MODE);
}

const char *
variete_request_get_aspect_ratio (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->aspect_ratio;
}

/* Sets the aspect ratio by API value; %NULL selects the default. */
void
variete_request_set_aspect_ratio (VarieteRequest *self,
                                  const char     *aspect_ratio)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (aspect_ratio == NULL)
    aspect_ratio = variete_enum_get_default (VARIETE_ENUM_ASPECT_RATIO);

  set_string (self, &self->aspect_ratio, aspect_ratio, PROP_ASPECT_RATIO);
}

int
variete_request_get_width (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->width;
}

void
variete_request_set_width (VarieteRequest *self,
                           int             width)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->width, width, PROP_WIDTH);
}

int
variete_request_get_height (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), 0);

  return self->height;
}

void
variete_request_set_height (VarieteRequest *self,
                            int             height)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_int (self, &self->height, height, PROP_HEIGHT);
}

gboolean
variete_request_get_nsfw (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);

  return self->nsfw;
}

void
variete_request_set_nsfw (VarieteRequest *self,
                          gboolean        nsfw)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  nsfw = !!nsfw;
  if (self->nsfw == (guint) nsfw)
    return;

  self->nsfw = nsfw;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NSFW]);
}

gboolean
variete_request_get_transparent_background (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), FALSE);

  return self->transparent_background;
}

void
variete_request_set_transparent_background (VarieteRequest *self,
                                            gboolean        transparent_background)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  transparent_background = !!transparent_background;
  if (self->transparent_background == (guint) transparent_background)
    return;

  self->transparent_background = transparent_background;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRANSPARENT_BACKGROUND]);
}

/* Returns: an API colour tone, or %VARIETE_COLOR_TONE_NONE */
const char *
variete_request_get_color_tone (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->color_tone;
}

/* Sets the colour tone by API value; %NULL or "" means %VARIETE_COLOR_TONE_NONE. */
void
variete_request_set_color_tone (VarieteRequest *self,
                                const char     *color_tone)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  if (color_tone == NULL || color_tone[0] == '\0')
    color_tone = VARIETE_COLOR_TONE_NONE;

  set_string (self, &self->color_tone, color_tone, PROP_COLOR_TONE);
}

/* Returns: the webhook as typed; empty when there is none */
const char *
variete_request_get_webhook (VarieteRequest *self)
{
  g_return_val_if_fail (VARIETE_IS_REQUEST (self), NULL);

  return self->webhook;
}

void
variete_request_set_webhook (VarieteRequest *self,
                             const char     *webhook)
{
  g_return_if_fail (VARIETE_IS_REQUEST (self));

  set_string (self, &self->webhook, webhook ? webhook : "", PROP_WEBHOOK);
}
