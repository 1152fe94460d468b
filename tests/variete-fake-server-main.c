/* variete-fake-server-main.c
 *
 * variete-fake-server [--port N] …: runs the fake Selena Variete API on 127.0.0.1, prints its
 * base URL on stdout and serves until SIGINT or SIGTERM. For trying the app by hand:
 *
 *   variete-fake-server --port 8080 &
 *   VARIETE_API_URL=http://127.0.0.1:8080 VARIETE_API_KEY=test-key variete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "variete-fake-server.h"

static gboolean
quit_signalled_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(VarieteFakeServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *final_status = NULL;
  int port = 0;
  int polls = 2;
  int width = 0;
  int height = 0;
  guint sigint_id, sigterm_id;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (default: any free one)", "N" },
    { "polls", 0, 0, G_OPTION_ARG_INT, &polls, "GETs until an artwork is done (default: 2)", "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      "Type of the results: image/png (default), image/jpeg, image/webp", "TYPE" },
    { "final-status", 0, 0, G_OPTION_ARG_STRING, &final_status,
      "succeeded (default), failed or canceled", "STATUS" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      "Width of the results (default: the size the request asks for)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height of the results", "PX" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— fake Selena Variete API on 127.0.0.1");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
                                "Keys: " VARIETE_FAKE_SERVER_KEY " (full scope), "
                                VARIETE_FAKE_SERVER_KEY_NO_SCOPE " (403).");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (port < 0 || port > G_MAXUINT16 || polls < 0 || width < 0 || height < 0 ||
      width > 2048 || height > 2048 || (width == 0) != (height == 0) ||
      (format != NULL && !g_str_equal (format, "image/png") &&
       !g_str_equal (format, "image/jpeg") && !g_str_equal (format, "image/webp")) ||
      (final_status != NULL && !g_str_equal (final_status, "succeeded") &&
       !g_str_equal (final_status, "failed") && !g_str_equal (final_status, "canceled")))
    {
      g_printerr ("Invalid option value; see --help\n");
      return 2;
    }

  if (!(server = variete_fake_server_new_on_port ((guint) port, &error)))
    {
      g_printerr ("Cannot listen: %s\n", error->message);
      return 1;
    }

  variete_fake_server_set_polls_until_done (server, (guint) polls);
  variete_fake_server_set_result_size (server, width, height);
  if (format != NULL)
    variete_fake_server_set_result_format (server, format);
  if (final_status != NULL)
    variete_fake_server_set_final_status (server, final_status);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_signalled_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_signalled_cb, loop);

  g_print ("%s\n", variete_fake_server_get_base_url (server));
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  return 0;
}
