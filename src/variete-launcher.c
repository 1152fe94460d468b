/* variete-launcher.c
 *
 * Handing files to other apps. GtkFileLauncher (GTK 4.10) is not on the 4.8 baseline, so this
 * speaks to the OpenURI portal and the FileManager1 interface itself, and falls back to
 * g_app_info_launch_default_for_uri_async() where they are missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gunixfdlist.h>

#include "variete-launcher.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_OPEN_URI_INTERFACE "org.freedesktop.portal.OpenURI"
#define FILE_MANAGER_BUS_NAME "org.freedesktop.FileManager1"
#define FILE_MANAGER_OBJECT_PATH "/org/freedesktop/FileManager1"
#define FILE_MANAGER_INTERFACE "org.freedesktop.FileManager1"

static GAppLaunchContext *
new_launch_context (GtkWidget *parent)
{
  GdkDisplay *display = parent ? gtk_widget_get_display (parent) : gdk_display_get_default ();

  return display ? G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display)) : NULL;
}

static void
launched_default_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Takes @task. */
static void
launch_default (GTask *task,
                GFile *file)
{
  GtkWidget *parent = g_object_get_data (G_OBJECT (task), "parent");
  g_autoptr(GAppLaunchContext) context = new_launch_context (parent);
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, context, g_task_get_cancellable (task),
                                           launched_default_cb, task);
}

/* Ends @task when the D-Bus call gave a @reply, or was cancelled.
 *
 * Returns: whether @task is done; if not, the caller falls back to another way */
static gboolean
return_if_called (GTask     *task,
                  GVariant  *reply,
                  GError   **error)
{
  if (reply != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return TRUE;
    }

  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (error));
      return TRUE;
    }

  return FALSE;
}

/* Makes the task of handing @file over, and asks for the session bus: @bus_cb goes on. */
static void
launch_async (GtkWidget           *parent,
              GFile               *file,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag,
              GAsyncReadyCallback  bus_cb)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (task), "parent", g_object_ref (parent), g_object_unref);

  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_cb, task);
}

/* Open With */

static void
open_file_called_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (task);

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object), NULL,
                                                           result, &error);
  if (return_if_called (task, reply, &error))
    return;

  g_debug ("No OpenURI portal (%s); opening with the default app", error->message);
  launch_default (g_steal_pointer (&task), file);
}

static void
open_with_bus_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  g_autoptr(GUnixFDList) fd_list = NULL;
  g_autofree char *path = NULL;
  GFile *file = g_task_get_task_data (task);
  GVariantBuilder options;
  int fd;

  if (g_task_return_error_if_cancelled (task))
    return;

  path = g_file_get_path (file);

  if (path == NULL || bus == NULL || (fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
    {
      launch_default (g_steal_pointer (&task), file);
      return;
    }

  fd_list = g_unix_fd_list_new_from_array (&fd, 1);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "ask", g_variant_new_boolean (TRUE));

  g_dbus_connection_call_with_unix_fd_list (bus,
                                            PORTAL_BUS_NAME,
                                            PORTAL_OBJECT_PATH,
                                            PORTAL_OPEN_URI_INTERFACE,
                                            "OpenFile",
                                            g_variant_new ("(sha{sv})", "", 0, &options),
                                            G_VARIANT_TYPE ("(o)"),
                                            G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                            -1,
                                            fd_list,
                                            g_task_get_cancellable (task),
                                            open_file_called_cb,
                                            g_steal_pointer (&task));
}

void
variete_launcher_open_with_async (GtkWidget           *parent,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (G_IS_FILE (file));

  launch_async (parent, file, cancellable, callback, user_data,
                variete_launcher_open_with_async, open_with_bus_cb);
}

gboolean
variete_launcher_open_with_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Show in folder */

static void
show_items_called_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GFile) parent = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (return_if_called (task, reply, &error))
    return;

  g_debug ("No file manager service (%s); opening the folder", error->message);
  parent = g_file_get_parent (file);
  launch_default (g_steal_pointer (&task), parent ? parent : file);
}

static void
show_file_bus_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  GFile *file = g_task_get_task_data (task);
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (g_task_return_error_if_cancelled (task))
    return;

  if (bus == NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);

      launch_default (g_steal_pointer (&task), parent ? parent : file);
      return;
    }

  uri = g_file_get_uri (file);
  uris[0] = uri;

  g_dbus_connection_call (bus,
                          FILE_MANAGER_BUS_NAME,
                          FILE_MANAGER_OBJECT_PATH,
                          FILE_MANAGER_INTERFACE,
                          "ShowItems",
                          g_variant_new ("(^ass)", uris, ""),
                          NULL,
                          G_DBUS_CALL_FLAGS_NONE,
                          -1,
                          g_task_get_cancellable (task),
                          show_items_called_cb,
                          g_steal_pointer (&task));
}

void
variete_launcher_show_file_async (GtkWidget           *parent,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (G_IS_FILE (file));

  launch_async (parent, file, cancellable, callback, user_data,
                variete_launcher_show_file_async, show_file_bus_cb);
}

gboolean
variete_launcher_show_file_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Open a folder */

void
variete_launcher_open_folder_async (GtkWidget           *parent,
                                    GFile               *folder,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, variete_launcher_open_folder_async);
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (task), "parent", g_object_ref (parent), g_object_unref);

  launch_default (task, folder);
}

gboolean
variete_launcher_open_folder_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
