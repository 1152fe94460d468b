/* variete-client-private.h
 *
 * The parts of VarieteClient that are split across files: the object and the API calls live in
 * variete-client.c, the download of results (redirects, size limit, type sniffing) in
 * variete-client-download.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "variete-client.h"

G_BEGIN_DECLS

struct _VarieteClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  GUri        *base_uri;        /* NULL when base_url is refused … */
  GError      *base_url_error;  /* … and this says why */
  char        *api_key;
  gsize        download_limit;
};

typedef enum
{
  REQUEST_CREATE,
  REQUEST_GET,
  REQUEST_LIST,
  REQUEST_DOWNLOAD,
} RequestKind;

/* The task data of every call. */
typedef struct
{
  RequestKind   kind;
  SoupMessage  *msg;
  GInputStream *stream;        /* downloads: the body being read */
  GByteArray   *buffer;        /* downloads: what was read so far */
  char         *content_type;  /* downloads: the checked type of the result */
  guint         n_redirects;
} Request;

/* variete-client.c */
Request  *variete_client_request_new            (RequestKind    kind);
void      variete_client_request_free           (gpointer       data);
void      variete_client_add_authorization      (VarieteClient *self,
                                                 SoupMessage   *msg);
void      variete_client_log_answer             (SoupMessage   *msg);
gboolean  variete_client_return_if_failed       (GTask         *task,
                                                 gboolean       succeeded,
                                                 GError       **error);
GError   *variete_client_new_error_from_message (SoupMessage   *msg,
                                                 GBytes        *body);
gboolean  variete_client_body_is_complete       (SoupMessage   *msg,
                                                 gsize          size);
GError   *variete_client_new_cut_short_error    (SoupMessage   *msg);

G_END_DECLS
