/* variete-request-validate.c
 *
 * What the API accepts in a VarieteRequest: the fields, the custom size, the source image and
 * the webhook (https:// to a public host), and the words of the prompts, counted as the server
 * counts them, for the warnings about over-long prompts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include <glib/gi18n-lib.h>

#include "variete-artwork.h"
#include "variete-request-private.h"

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

/* Walks the words of @text as the server splits them, stopping where word number @max_words + 1
 * starts. Returns: the byte offset where the walk stopped, the length of @text when it reached
 * the end; @n_words is set to the number of words walked over. */
static gsize
scan_words (const char *text,
            guint       max_words,
            guint      *n_words)
{
  gboolean in_word = FALSE;

  *n_words = 0;

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
          if (*n_words == max_words)
            return (gsize) (start - text);

          in_word = TRUE;
          (*n_words)++;
        }
    }

  return strlen (text);
}

/* Returns: the number of runs of non-white-space characters in @text, as the server counts */
guint
variete_count_words (const char *text)
{
  guint n_words;

  if (text == NULL)
    return 0;

  scan_words (text, G_MAXUINT, &n_words);

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
  guint n_words;

  if (text == NULL)
    return 0;

  return scan_words (text, max_words, &n_words);
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
  if (!variete_host_is_public (host))
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

  if (variete_request_get_uses_denoising (self) &&
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
