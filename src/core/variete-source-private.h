/* variete-source-private.h
 *
 * The pre-flight behind VarieteSource, shared by its loaders. Runs on a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "variete-source.h"

G_BEGIN_DECLS

typedef struct
{
  /* What the pre-flight is given. */
  char       *display_name;
  int         thumbnail_size;
  gboolean    may_keep_address;    /* a remote image, which may be sent as its address */

  /* What it finds. */
  int         original_width;      /* upright, as the artist sees it */
  int         original_height;
  const char *original_mime_type;  /* static strings */
  int         sent_width;
  int         sent_height;
  const char *sent_mime_type;
  GBytes     *sent_bytes;          /* what is sent; %NULL when the address is sent as it is */
  gsize       input_size;          /* bytes read */
  GdkPixbuf  *thumbnail;
} VarieteSourcePreflight;

gboolean       variete_source_preflight_run   (VarieteSourcePreflight  *preflight,
                                               GInputStream            *stream,
                                               GCancellable            *cancellable,
                                               GError                 **error);
gboolean       variete_source_preflight_run_pixbuf (VarieteSourcePreflight  *preflight,
                                                    GdkPixbuf               *pixbuf,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
void           variete_source_preflight_clear (VarieteSourcePreflight  *preflight);
const char    *variete_source_format_name     (const char              *mime_type);
char          *variete_source_make_data_url   (const char              *mime_type,
                                               GBytes                  *bytes);

/* Errors given in more than one place, with the image's @name. */
GError        *variete_source_new_empty_error          (const char *name);
GError        *variete_source_new_too_many_bytes_error (const char *name);

G_END_DECLS
