/* variete-fake-server-private.h
 *
 * The parts of the fake server that are split across files: the object, its settings and the
 * request log live in variete-fake-server.c, the API's routes in variete-fake-server-routes.c,
 * the faults in variete-fake-server-faults.c, the validation of a create request in
 * variete-fake-server-validate.c and the result images in variete-fake-server-images.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "variete-fake-server.h"

G_BEGIN_DECLS

#define RESULTS_PATH "/results/"

typedef struct
{
  char       *id;
  JsonNode   *parameters;
  GDateTime  *created_at;
  gint64      created_usec;   /* monotonic */
  gint64      duration;       /* seconds */
  char       *final_status;
  char       *result_type;
  GdkPixbuf  *source;         /* NULL: a gradient stands in */
  GBytes    **results;        /* rendered on demand, batch of them */
  guint       batch;
  guint       polls;
  guint       polls_until_done;
  int         result_width;
  int         result_height;
  gboolean    expired;
  guint       link_generation;  /* the "sig" of the links given now */
} FakeArtwork;

typedef struct
{
  char             *prefix;   /* "METHOD /path", NULL for any request */
  VarieteFakeFault  fault;
  guint             times;
} FaultRule;

/* An answer held back: delayed (SLOW) or replaced by raw bytes on the socket (TRUNCATED_BODY,
 * CONNECTION_RESET), which must wait until the handler has returned. */
typedef struct
{
  VarieteFakeServer *server;
  SoupServerMessage *msg;
  GSocket           *socket;
  GBytes            *raw;
  GSource           *source;
  VarieteFakeFault   fault;
  gboolean           gone;
} HeldAnswer;

struct _VarieteFakeServer
{
  GObject        parent_instance;

  SoupServer    *server;
  GMainContext  *context;
  char          *base_url;
  GThread       *thread;        /* running @context, see variete_fake_server_start_thread() */
  gint           stopping;      /* atomic: the thread is to end */

  GHashTable    *artworks;      /* id → FakeArtwork */
  GPtrArray     *order;         /* FakeArtwork, oldest first */
  GPtrArray     *faults;        /* FaultRule */
  GPtrArray     *log;           /* NULL-terminated strings */
  GPtrArray     *records;       /* RequestRecord */
  GPtrArray     *held;          /* HeldAnswer */
  JsonNode      *last_create_body;

  char          *result_format;
  char          *result_base_url;  /* NULL: base_url */
  gboolean       refuse_data_urls;
  char          *final_status;
  guint          polls_until_done;
  guint          slow_delay_ms;
  guint          n_accepted_creates;
  int            result_width;
  int            result_height;
};

/* variete-fake-server-routes.c */
void       variete_fake_server_route                (VarieteFakeServer  *self,
                                                     SoupServerMessage  *msg,
                                                     const char         *method,
                                                     const char         *path,
                                                     GHashTable         *query);
void       variete_fake_server_answer_error         (SoupServerMessage  *msg,
                                                     guint               status,
                                                     const char         *message,
                                                     const char         *error_name);

/* variete-fake-server-faults.c */
VarieteFakeFault variete_fake_server_take_fault     (VarieteFakeServer  *self,
                                                     const char         *method,
                                                     const char         *path);
gboolean   variete_fake_server_fault_is_before      (VarieteFakeFault    fault);
void       variete_fake_server_answer_fault_before  (SoupServerMessage  *msg,
                                                     const char         *path,
                                                     VarieteFakeFault    fault);
void       variete_fake_server_answer_link_expired  (SoupServerMessage  *msg,
                                                     guint               status);
const char *variete_fake_server_apply_fault_after   (VarieteFakeServer  *self,
                                                     SoupServerMessage  *msg,
                                                     VarieteFakeFault    fault);

/* variete-fake-server-validate.c */
GPtrArray *variete_fake_server_validate_create      (JsonObject   *body);

/* variete-fake-server-images.c */
GdkPixbuf *variete_fake_server_decode_data_url      (const char   *url,
                                                     GError      **error);
GdkPixbuf *variete_fake_server_new_gradient         (int           width,
                                                     int           height);
GBytes    *variete_fake_server_render_result        (GdkPixbuf    *source,
                                                     guint         index,
                                                     int           width,
                                                     int           height,
                                                     const char   *content_type,
                                                     GError      **error);
gboolean   variete_fake_server_can_write            (const char   *content_type);
const char *variete_fake_server_type_to_extension   (const char   *content_type);

G_END_DECLS
