package models

import "time"

// Apply updates the follower's state for an inbound message or event at t.
// Events older than the follower's latest subscription change do not flip
// the subscription (WeChat may deliver retries late), but still count as
// interactions.
func (f *Follower) Apply(msgType, event, scene string, t time.Time) {
	t = t.UTC()
	if msgType == "event" && (event == EventSubscribe || event == EventUnsubscribe) {
		if latest := f.lastChange(); latest == nil || !t.Before(*latest) {
			f.applySubscription(event, scene, t)
		}
	}
	if msgType == "event" && event == EventUnsubscribe {
		return // leaving does not open the customer-message window
	}
	if f.ID == 0 && f.FirstSubscribedAt == nil && event != EventUnsubscribe {
		f.Subscribed = true // only followers can message or click
	}
	if f.LastInteractionAt == nil || t.After(*f.LastInteractionAt) {
		f.LastInteractionAt = &t
	}
}

func (f *Follower) applySubscription(event, scene string, t time.Time) {
	if event == EventUnsubscribe {
		f.Subscribed = false
		f.UnsubscribedAt = &t
		return
	}
	f.Subscribed = true
	if f.FirstSubscribedAt == nil {
		f.FirstSubscribedAt = &t
	}
	f.LastSubscribedAt = &t
	if scene != "" {
		f.Scene = "ADD_SCENE_QR_CODE"
		f.QRScene = scene
	}
}

func (f *Follower) lastChange() *time.Time {
	latest := f.LastSubscribedAt
	if f.UnsubscribedAt != nil && (latest == nil || f.UnsubscribedAt.After(*latest)) {
		latest = f.UnsubscribedAt
	}
	return latest
}
