/* fuzz-common.h
 *
 * Shared by the libFuzzer targets: GLib's log is silenced, except that a critical (a failed
 * g_return_if_fail(), i.e. a caller's or our own bug) or a warning aborts, so that libFuzzer
 * reports it as a crash with the input that caused it. Two exceptions, both about GdkPixbuf's
 * image loaders, which are not Variete's code: warnings of the GdkPixbuf domain (loaders
 * complain about damaged files by design), and criticals raised from inside a loader module
 * (libpixbufloader-*.so; e.g. the GIF loader of gdk-pixbuf 2.42.10 asks for a 0-pixel-wide
 * frame on some damaged files). A critical of GdkPixbuf raised by Variete's own calls still
 * aborts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <dlfcn.h>
#include <execinfo.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the current call stack goes through one of GdkPixbuf's loader modules. */
static gboolean
fuzz_called_from_pixbuf_loader (void)
{
  void *frames[64];
  int n = backtrace (frames, G_N_ELEMENTS (frames));

  for (int i = 0; i < n; i++)
    {
      Dl_info info;

      if (dladdr (frames[i], &info) && info.dli_fname != NULL &&
          strstr (info.dli_fname, "libpixbufloader") != NULL)
        return TRUE;
    }

  return FALSE;
}

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) && domain != NULL &&
      (g_str_has_prefix (domain, "GdkPixbuf") || g_str_has_prefix (domain, "Gdk-Pixbuf")))
    return G_LOG_WRITER_HANDLED;

  if ((log_level & G_LOG_LEVEL_CRITICAL) && domain != NULL &&
      g_str_has_prefix (domain, "GdkPixbuf") && fuzz_called_from_pixbuf_loader ())
    return G_LOG_WRITER_HANDLED;

  if (log_level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL |
                   G_LOG_LEVEL_WARNING))
    {
      fprintf (stderr, "fuzz: %s%s%s\n", domain ? domain : "", domain ? ": " : "",
               message ? message : "(no message)");
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init_logging (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* Whether a bug the fuzzers found, reported and covered by tests/test-fuzz-regressions.c, is to
 * be let through for now: VARIETE_FUZZ_TOLERATE holds its name (a comma-separated list), so
 * that a long run goes on looking for other bugs. Smoke runs tolerate nothing. Names:
 *   utf8-message  an error message that is not valid UTF-8 (fixed)
 *   utf8-strings  a string read from JSON that is not valid UTF-8: json-glib 1.6 turns the
 *                 octal escape "\231" into a raw byte
 *   zero-size     an image the pre-flight accepts with a size of 0 × 0 (an SVG without a size,
 *                 "<svg/>"), then sent as 1 × 1 */
static inline gboolean
fuzz_tolerate (const char *name)
{
  static char **tolerated = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *env = g_getenv ("VARIETE_FUZZ_TOLERATE");

      tolerated = g_strsplit (env ? env : "", ",", -1);
      g_once_init_leave (&initialized, 1);
    }

  return g_strv_contains ((const char * const *) tolerated, name);
}

/* Error messages are shown in the window and written to journals: valid UTF-8 only. */
static inline void
fuzz_assert_utf8_message (const char *message)
{
  g_assert_nonnull (message);
  if (!g_utf8_validate (message, -1, NULL) && !fuzz_tolerate ("utf8-message"))
    g_error ("An error message is not valid UTF-8: %s", message);
}

/* Strings read from JSON are shown and written back: valid UTF-8 only. */
static inline void
fuzz_assert_utf8_string (const char *what,
                         const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL) && !fuzz_tolerate ("utf8-strings"))
    g_error ("%s is not valid UTF-8: %s", what, text);
}

/* A NUL-terminated copy of @size bytes. */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';

  return text;
}
