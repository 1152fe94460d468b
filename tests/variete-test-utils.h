/* variete-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "variete-client.h"
#include "variete-fake-server.h"
#include "variete-request.h"

G_BEGIN_DECLS

typedef gboolean (*VarieteTestPredicate) (gpointer data);

/* The main loop: each runs the thread-default main context. */
gboolean      variete_test_wait_for          (VarieteTestPredicate   predicate,
                                              gpointer               data,
                                              guint                  timeout_seconds);
void          variete_test_spin_until        (VarieteTestPredicate   predicate,
                                              gpointer               data,
                                              guint                  timeout_seconds);
void          variete_test_spin_for          (guint                  ms);
void          variete_test_run_pending       (void);
gboolean      variete_test_poll_until        (VarieteTestPredicate   predicate,
                                              gpointer               data,
                                              guint                  timeout_seconds);
GMainContext *variete_test_push_context      (void);
void          variete_test_pop_context       (GMainContext          *context);
void          variete_test_unref_and_wait    (gpointer               object_location,
                                              guint                  timeout_seconds);

/* Predicates on what @data points to. */
gboolean      variete_test_flag_is_set       (gpointer               data);
gboolean      variete_test_pointer_is_set    (gpointer               data);
gboolean      variete_test_pointer_is_null   (gpointer               data);

/* Async calls: pass variete_test_store_result_cb with a GAsyncResult* set to %NULL. */
void          variete_test_store_result_cb   (GObject               *object,
                                              GAsyncResult          *result,
                                              gpointer               user_data);
GAsyncResult *variete_test_wait_for_result   (GAsyncResult         **result,
                                              guint                  timeout_seconds);

/* Files */
char         *variete_test_make_tmp_dir      (const char            *tmpl);
gboolean      variete_test_rm_rf             (const char            *path);
guint         variete_test_count_files       (const char            *dir,
                                              const char            *suffix);
char         *variete_test_write_file        (const char            *dir,
                                              const char            *name,
                                              GBytes                *bytes);

/* Images of one colour */
GdkPixbuf    *variete_test_new_pixbuf        (int                    width,
                                              int                    height,
                                              gboolean               has_alpha,
                                              guint32                rgba);
GBytes       *variete_test_encode_pixbuf     (GdkPixbuf             *pixbuf,
                                              const char            *type);
char         *variete_test_png_data_url      (int                    width,
                                              int                    height,
                                              gboolean               has_alpha,
                                              guint32                rgba);
void          variete_test_write_png         (const char            *path,
                                              int                    width,
                                              int                    height,
                                              guint32                rgba);

/* The fake API and what talks to it */
VarieteFakeServer *variete_test_fake_server_new (void);
VarieteClient     *variete_test_client_new      (VarieteFakeServer     *server);
VarieteRequest    *variete_test_new_request     (const char            *prompt);
char              *variete_test_write_journal   (const char            *journal_dir,
                                                 const char            *id,
                                                 const char            *state,
                                                 const char            *started_at,
                                                 const char            *prompt);

/* Servers and the bus */
SoupServer   *variete_test_server_new        (SoupServerCallback     callback,
                                              gpointer               user_data,
                                              char                 **base_url);
gboolean      variete_test_name_has_owner    (GDBusConnection       *bus,
                                              const char            *name,
                                              GError               **error);

G_END_DECLS
