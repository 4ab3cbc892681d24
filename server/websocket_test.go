package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/server"
)

func TestWebsocketAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	secret, _ := e.token("ops", auth.RoleAnalyst, func(n *db.TokenNew) { n.Regions = []string{"330824"} })
	tests := []struct {
		name    string
		payload map[string]any
		wantAck bool
	}{
		{"valid token", map[string]any{"Authorization": "Bearer " + secret}, true},
		{"no token", map[string]any{}, false},
		{"unknown token", map[string]any{"Authorization": "Bearer vh_nope"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			conn, _, err := websocket.Dial(ctx, strings.Replace(e.url, "http", "ws", 1)+"/graphql",
				&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
			if err != nil {
				t.Fatalf("dial: %v", err)
			}
			defer conn.CloseNow()
			send(t, ctx, conn, map[string]any{"type": "connection_init", "payload": tt.payload})
			var msg struct {
				Type    string         `json:"type"`
				Payload map[string]any `json:"payload"`
			}
			err = wsjson.Read(ctx, conn, &msg)
			if !tt.wantAck {
				if err == nil && msg.Type == "connection_ack" {
					t.Fatal("unauthenticated websocket was acknowledged")
				}
				return
			}
			if err != nil || msg.Type != "connection_ack" {
				t.Fatalf("init: %+v, %v", msg, err)
			}
			send(t, ctx, conn, map[string]any{"id": "1", "type": "subscribe",
				"payload": map[string]any{"query": "{ viewer { role } }"}})
			if err := wsjson.Read(ctx, conn, &msg); err != nil || msg.Type != "next" {
				t.Fatalf("result: %+v, %v", msg, err)
			}
			viewer, _ := msg.Payload["data"].(map[string]any)["viewer"].(map[string]any)
			if viewer["role"] != "ANALYST" {
				t.Fatalf("payload %+v", msg.Payload)
			}
		})
	}
}

func send(t *testing.T, ctx context.Context, conn *websocket.Conn, v any) {
	t.Helper()
	if err := wsjson.Write(ctx, conn, v); err != nil {
		t.Fatalf("write: %v", err)
	}
}
